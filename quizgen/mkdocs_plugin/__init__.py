"""The MkDocs adapter: wires MkDocs events to quizgen's core, nothing more."""
