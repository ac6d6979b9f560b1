"""`python -m aktivitetsplan` works as `aktplan` does."""

from .cli import main

if __name__ == "__main__":
    main()
