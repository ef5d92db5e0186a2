"""`python -m drafter.schema`: regenerate the shipped schema files (`ship_schemas`)."""

from . import ship_schemas

if __name__ == "__main__":
    ship_schemas()
