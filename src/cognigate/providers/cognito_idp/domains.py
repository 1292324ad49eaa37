"""Handlers of Create/Describe/Update/DeleteUserPoolDomain."""

from __future__ import annotations

from cognigate.identity.model import Domain
from cognigate.identity.service import IdentityService
from cognigate.protocol.http import CallContext, Wire
from cognigate.protocol.json11 import Handler


def description_out(domain: Domain, account_id: str) -> Wire:
    out: Wire = {
        "UserPoolId": domain.pool_id,
        "AWSAccountId": account_id,
        "Domain": domain.domain,
        "S3Bucket": "",
        "CloudFrontDistribution": "",
        "Version": "20130630",
        "Status": "ACTIVE",
        "CustomDomainConfig": dict(domain.custom_domain_config or {}),
        "ManagedLoginVersion": domain.managed_login_version,
    }
    return out


def handlers(service: IdentityService) -> dict[str, Handler]:
    domains = service.domains
    account_id = domains.account_id

    def create_user_pool_domain(params: Wire, _: CallContext) -> Wire:
        domain = domains.create(
            params["UserPoolId"],
            params["Domain"],
            managed_login_version=params.get("ManagedLoginVersion"),
            custom_domain_config=params.get("CustomDomainConfig"),
        )
        out: Wire = {"ManagedLoginVersion": domain.managed_login_version}
        if domain.custom_domain_config is not None:
            out["CloudFrontDomain"] = f"{domain.domain}.cloudfront.localhost"
        return out

    def describe_user_pool_domain(params: Wire, _: CallContext) -> Wire:
        domain = domains.describe(params["Domain"])
        return {"DomainDescription": description_out(domain, account_id) if domain else {}}

    def update_user_pool_domain(params: Wire, _: CallContext) -> Wire:
        domain = domains.update(
            params["UserPoolId"],
            params["Domain"],
            managed_login_version=params.get("ManagedLoginVersion"),
            custom_domain_config=params.get("CustomDomainConfig"),
        )
        out: Wire = {"ManagedLoginVersion": domain.managed_login_version}
        if domain.custom_domain_config is not None:
            out["CloudFrontDomain"] = f"{domain.domain}.cloudfront.localhost"
        return out

    def delete_user_pool_domain(params: Wire, _: CallContext) -> Wire:
        domains.delete(params["UserPoolId"], params["Domain"])
        return {}

    return {
        "CreateUserPoolDomain": create_user_pool_domain,
        "DescribeUserPoolDomain": describe_user_pool_domain,
        "UpdateUserPoolDomain": update_user_pool_domain,
        "DeleteUserPoolDomain": delete_user_pool_domain,
    }
