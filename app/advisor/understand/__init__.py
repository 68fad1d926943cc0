"""Understand a message: the company profile, numbers and size, places, intent, and the conversation it continues."""
