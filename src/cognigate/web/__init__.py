"""ASGI glue: Starlette requests in, protocol objects through, Starlette responses out."""
