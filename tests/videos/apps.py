from django.apps import AppConfig


class VideosConfig(AppConfig):
    """A content type that only the tests install, to show that a new type needs nothing but its
    class and template (tests/test_new_content_type.py)."""

    name = "tests.videos"
    label = "videos"
    verbose_name = "Video's"
