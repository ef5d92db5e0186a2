"""drafter's terminal UI (Textual). The only package that imports textual."""
