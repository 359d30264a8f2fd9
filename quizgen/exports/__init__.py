"""The course's questions in other systems' formats, all from the one bank model."""
