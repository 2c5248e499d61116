"""Chair rotation (issue 3): terms, elections, overrides, the scheduler's handovers."""
