"""Where the uploads that must not be public are kept."""


def private_storage():
    """Where files that name people or carry secret links are kept (personalised letters, ministers'
    statements and photos): never under MEDIA_URL, served only by views that check who asks."""
    from django.core.files.storage import storages

    return storages["private"]
