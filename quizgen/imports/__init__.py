"""Question banks in other systems' formats, made into banks of this course's format."""
