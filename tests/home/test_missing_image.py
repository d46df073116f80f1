import os

import pytest

from tests.factories import ImageFactory, StandardPageFactory


@pytest.mark.django_db
def test_page_whose_image_file_is_missing_still_renders(client, home):
    image = ImageFactory(
        title="Bến Ninh Kiều",
        file__filename="anh.png",
        file__width=800,
        file__height=450,
        file__color=(20, 80, 160),
    )
    StandardPageFactory(
        parent=home,
        title="Du lịch",
        slug="du-lich",
        body=[
            (
                "image",
                {"image": {"image": image, "alt_text": "Bến tàu", "decorative": False}, "caption": "Ảnh"},
            )
        ],
    )
    assert 'alt="Bến tàu"' in client.get("/du-lich/").content.decode()
    os.remove(image.file.path)
    image.renditions.all().delete()  # force a new rendition from the missing source

    response = client.get("/du-lich/")
    assert response.status_code == 200
    assert "Du lịch" in response.content.decode()
