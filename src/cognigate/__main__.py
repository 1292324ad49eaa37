"""`python -m cognigate` runs the command-line interface."""

from cognigate.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
