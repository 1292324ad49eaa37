"""Every API Gateway error class matches an error shape of the botocore model."""

from __future__ import annotations

import inspect

import pytest

from cognigate.apigw import errors
from cognigate.core.errors import AwsError
from cognigate.protocol.spec import ServiceSpec

SPEC = ServiceSpec("apigateway")
CLASSES = [
    cls
    for _, cls in inspect.getmembers(errors, inspect.isclass)
    if issubclass(cls, AwsError) and cls.__module__ == errors.__name__
]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_error_class_has_the_code_and_status_of_the_spec(cls: type[AwsError]) -> None:
    assert cls.code == cls.__name__
    assert SPEC.error_status(cls.code) == cls.status_code


def test_every_error_shape_of_the_spec_has_a_class() -> None:
    shapes = {shape.name for shape in SPEC.model.error_shapes}

    assert shapes == {cls.__name__ for cls in CLASSES}
    assert set(errors.__all__) == shapes
