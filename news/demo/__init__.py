"""Demo lead images for the news in content.json, drawn with Pillow (no binary files in the repo).

`load_demo` calls build_files(target_dir) and imports content.json with --files-dir target_dir.
Each picture is a flat illustration; its alt text in content.json says so.
"""

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = (1200, 675)


def _sky(draw, top, bottom, height=SIZE[1]):
    """A vertical gradient from top to bottom colour."""
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (SIZE[0], y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )


def _river(draw):
    _sky(draw, (120, 180, 230), (220, 238, 250), 330)
    draw.rectangle([0, 330, SIZE[0], SIZE[1]], fill=(70, 130, 150))
    for x in range(0, SIZE[0], 90):  # water palms on both banks
        draw.polygon([(x, 330), (x + 45, 250), (x + 90, 330)], fill=(40, 110, 60))
    draw.rectangle([0, 320, SIZE[0], 345], fill=(90, 150, 80))
    for x, y in ((220, 470), (640, 540), (930, 440)):  # boats
        draw.polygon([(x, y), (x + 190, y), (x + 150, y + 40), (x + 40, y + 40)], fill=(120, 70, 40))
        draw.rectangle([x + 70, y - 40, x + 130, y], fill=(200, 160, 90))
    for y in range(380, SIZE[1], 45):
        draw.line([(60, y), (260, y)], fill=(140, 190, 205), width=3)
        draw.line([(700, y + 20), (980, y + 20)], fill=(140, 190, 205), width=3)


def _orchard(draw):
    _sky(draw, (110, 175, 235), (210, 235, 250), 300)
    draw.rectangle([0, 300, SIZE[0], SIZE[1]], fill=(120, 170, 70))
    for row, y in enumerate((330, 430, 560)):
        for x in range(-40 + row * 50, SIZE[0], 170 + row * 30):
            r = 45 + row * 20
            draw.rectangle([x + r - 8, y, x + r + 8, y + r], fill=(100, 70, 40))
            draw.ellipse([x, y - r, x + 2 * r, y + r // 2], fill=(40, 120 + row * 10, 50))
            draw.ellipse([x + r // 2, y - r // 3, x + r // 2 + 18, y - r // 3 + 18], fill=(240, 190, 40))


def _fruit(draw):
    _sky(draw, (255, 245, 225), (250, 225, 190))
    draw.ellipse([250, 330, 950, 640], fill=(150, 100, 50))
    draw.ellipse([280, 340, 920, 560], fill=(190, 140, 80))
    fruits = [
        ((330, 260, 520, 420), (240, 190, 40)),  # mango
        ((480, 220, 680, 400), (220, 40, 110)),  # dragon fruit
        ((640, 250, 820, 410), (120, 60, 130)),  # star apple
        ((420, 330, 560, 450), (60, 150, 60)),
        ((700, 340, 860, 460), (240, 140, 30)),
    ]
    for box, colour in fruits:
        draw.ellipse(box, fill=colour, outline=(90, 60, 30), width=3)


def _bridge(draw):
    _sky(draw, (250, 170, 110), (120, 90, 160), 420)
    draw.rectangle([0, 420, SIZE[0], SIZE[1]], fill=(60, 70, 120))
    draw.ellipse([520, 300, 680, 460], fill=(255, 210, 120))
    draw.rectangle([0, 400, SIZE[0], 425], fill=(50, 50, 60))
    for tower in (330, 870):
        draw.rectangle([tower - 15, 150, tower + 15, 520], fill=(70, 70, 80))
        for offset in range(40, 300, 40):
            draw.line([(tower, 170), (tower - offset, 405)], fill=(230, 230, 235), width=2)
            draw.line([(tower, 170), (tower + offset, 405)], fill=(230, 230, 235), width=2)


def _network(draw):
    _sky(draw, (15, 50, 100), (20, 90, 150))
    nodes = [(200, 170), (600, 120), (1000, 190), (330, 450), (850, 470), (600, 330)]
    for a in nodes:
        for b in nodes:
            if a < b:
                draw.line([a, b], fill=(90, 170, 230), width=2)
    for x, y in nodes:
        draw.rounded_rectangle([x - 70, y - 45, x + 70, y + 45], radius=8, fill=(230, 240, 250))
        draw.rectangle([x - 58, y - 35, x + 58, y + 25], fill=(40, 120, 200))
        draw.rectangle([x - 20, y + 45, x + 20, y + 60], fill=(200, 210, 220))


def _screens(draw):
    _sky(draw, (245, 245, 247), (225, 230, 240))
    draw.rounded_rectangle([170, 110, 850, 520], radius=16, fill=(40, 40, 45))
    draw.rectangle([195, 135, 825, 495], fill=(255, 255, 255))
    draw.rectangle([195, 135, 825, 200], fill=(165, 14, 36))
    for i, y in enumerate(range(230, 480, 70)):
        draw.rectangle([220, y, 420, y + 50], fill=(220, 225, 235))
        draw.rectangle([440, y + 5, 780 - i * 60, y + 20], fill=(150, 160, 175))
    draw.rectangle([470, 520, 550, 580], fill=(60, 60, 65))
    draw.rectangle([380, 580, 640, 600], fill=(60, 60, 65))
    draw.rounded_rectangle([880, 230, 1060, 580], radius=22, fill=(30, 30, 35))
    draw.rectangle([895, 260, 1045, 550], fill=(255, 255, 255))
    draw.rectangle([895, 260, 1045, 300], fill=(165, 14, 36))


def _online_service(draw):
    _sky(draw, (30, 110, 90), (60, 160, 120))
    draw.rounded_rectangle([380, 110, 760, 590], radius=14, fill=(255, 255, 255))
    for y in range(180, 460, 55):
        draw.rectangle([430, y, 710, y + 18], fill=(200, 215, 210))
    draw.ellipse([690, 380, 900, 590], fill=(255, 200, 60))
    draw.line([(740, 490), (785, 535), (860, 430)], fill=(30, 110, 90), width=22)


def _desk(draw):
    _sky(draw, (235, 225, 210), (210, 195, 175))
    draw.polygon([(100, 420), (1100, 420), (1180, 675), (20, 675)], fill=(140, 95, 60))
    draw.rectangle([330, 300, 630, 560], fill=(255, 255, 255), outline=(150, 150, 150), width=3)
    for y in range(330, 540, 35):
        draw.line([(360, y), (600, y)], fill=(170, 170, 180), width=4)
    draw.ellipse([520, 470, 610, 540], outline=(190, 30, 40), width=8)
    draw.rectangle([720, 380, 780, 470], fill=(90, 60, 40))
    draw.ellipse([700, 460, 800, 520], fill=(190, 30, 40))
    draw.rectangle([850, 470, 1050, 490], fill=(30, 60, 140))


SCENES = {
    "song-nuoc.png": _river,
    "canh-dong.png": _orchard,
    "trai-cay.png": _fruit,
    "cay-cau.png": _bridge,
    "chuyen-doi-so.png": _network,
    "cong-thong-tin.png": _screens,
    "dich-vu-cong.png": _online_service,
    "ho-tich.png": _desk,
}


def build_files(target_dir):
    """Draw every demo lead image into target_dir (the import's --files-dir); skip existing ones."""
    target = Path(target_dir)
    target.mkdir(parents=True, exist_ok=True)
    for name, scene in SCENES.items():
        path = target / name
        if path.exists():
            continue
        image = Image.new("RGB", SIZE)
        scene(ImageDraw.Draw(image))
        image.save(path, format="PNG", optimize=True)
