"""Upload limits: images by type and size in the admin, request bodies by size everywhere."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wagtail.images import get_image_model

import pytest
from PIL import Image


def png(size=(40, 30)):
    data = io.BytesIO()
    Image.new("RGB", size, (165, 14, 36)).save(data, "PNG")
    return data.getvalue()


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


def add_image(client, name, data, content_type="image/png"):
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post("/admin/images/add/", {"title": "Ảnh thử", "file": upload, "collection": 1})


@pytest.mark.django_db
def test_an_image_within_the_limits_is_accepted(admin_client, home):
    response = add_image(admin_client, "anh.png", png())
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Ảnh thử").exists()


@pytest.mark.django_db
@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1024)
def test_an_image_over_the_size_limit_is_refused(admin_client, home):
    response = add_image(admin_client, "anh.png", png((400, 400)) + b"\0" * 2048)
    assert response.status_code == 200
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_svg_and_renamed_files_are_refused_as_images(admin_client, home):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert add_image(admin_client, "logo.svg", svg, "image/svg+xml").status_code == 200
    assert add_image(admin_client, "anh.png", b"MZ\x90\x00 not an image", "image/png").status_code == 200
    assert not get_image_model().objects.exists()


@pytest.mark.django_db
def test_an_oversize_form_body_is_a_400_not_a_500(client, home):
    response = client.post("/hoi-dap/gui-cau-hoi/", {"question": "x" * 3_000_000})
    assert response.status_code == 400


def test_upload_limits_are_set():
    from django.conf import settings

    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2_621_440
