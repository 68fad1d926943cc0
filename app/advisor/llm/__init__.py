"""The LLM path: the composer (prompt packing, streaming) and the guard on what a model may say."""
