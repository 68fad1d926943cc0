"""The advice engine: eligibility verdicts, program selection, solution ranking, costing, place scope."""
