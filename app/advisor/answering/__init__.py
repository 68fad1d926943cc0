"""What to say about a turn, by the kind of question: `handlers.TurnHandlers` assembles these."""
