import io
import os

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

import pytest
from PIL import Image as PILImage

from home.models import StandardPage


@pytest.mark.django_db
def test_page_whose_image_file_is_missing_still_renders(client, home):
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 450), (20, 80, 160)).save(buffer, format="PNG")
    image = get_image_model().objects.create(title="Bến Ninh Kiều", file=ImageFile(buffer, name="anh.png"))
    page = StandardPage(
        title="Du lịch",
        slug="du-lich",
        body=[
            (
                "image",
                {"image": {"image": image, "alt_text": "Bến tàu", "decorative": False}, "caption": "Ảnh"},
            )
        ],
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    assert 'alt="Bến tàu"' in client.get("/du-lich/").content.decode()
    os.remove(image.file.path)
    image.renditions.all().delete()  # force a new rendition from the missing source

    response = client.get("/du-lich/")
    assert response.status_code == 200
    assert "Du lịch" in response.content.decode()
