"""The learning content: the model, the release loader, and the build-time validator."""
