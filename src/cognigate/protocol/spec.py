"""Loads botocore's service models, the authority for shapes, enums and limits, with the few
local patches where the installed model lags behind what the service does."""

from __future__ import annotations

from typing import Any

from botocore.loaders import Loader
from botocore.model import OperationModel, ServiceModel

#: service -> shape -> metadata to override. Each entry names the AWS behaviour it follows.
PATCHES: dict[str, dict[str, dict[str, object]]] = {
    "cognito-idp": {
        # Passwords may contain spaces, only not at either end (AWS counts the space as a
        # special character; newer models carry this pattern instead of ``[\\S]+``).
        # https://docs.aws.amazon.com/cognito/latest/developerguide/managing-users-passwords.html
        "PasswordType": {"pattern": r"^[\S]+.*[\S]+$"},
    },
}


def _patched(service_name: str, raw: dict[str, Any]) -> dict[str, Any]:
    shapes = raw["shapes"]
    for shape, changes in PATCHES.get(service_name, {}).items():
        if shape in shapes:
            shapes[shape] = {**shapes[shape], **changes}
    return raw


class ServiceSpec:
    """One AWS service's model (e.g. ``cognito-idp``), loaded once per process."""

    def __init__(self, service_name: str) -> None:
        raw = _patched(service_name, Loader().load_service_model(service_name, "service-2"))
        self.model = ServiceModel(raw, service_name=service_name)
        self.name = service_name
        self.target_prefix: str = self.model.metadata.get("targetPrefix", "")
        self._operations = frozenset(self.model.operation_names)

    def has_operation(self, name: str) -> bool:
        return name in self._operations

    def operation(self, name: str) -> OperationModel:
        return self.model.operation_model(name)

    def error_status(self, code: str) -> int | None:
        """The HTTP status the model gives an error shape, if it is one of the service's."""
        for shape in self.model.error_shapes:
            if shape.name == code:
                status = shape.metadata.get("error", {}).get("httpStatusCode")
                return int(status) if status is not None else None
        return None
