"""Compose the offline answer: canned replies, the pack answer, policy answers, citations."""
