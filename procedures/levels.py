"""Service levels (mức độ) of a procedure: Decree 43/2011's scale, which citizens and the import
contract still use. Apart from the models so that the home page can link to them without
importing the procedure models (which import home's)."""

SERVICE_LEVEL_LINKS = [
    (1, "Mức độ 1", "Thông tin đầy đủ về thủ tục hành chính"),
    (2, "Mức độ 2", "Thông tin và biểu mẫu tải về"),
    (3, "Mức độ 3", "Nộp hồ sơ trực tuyến"),
    (4, "Mức độ 4", "Nộp hồ sơ và thanh toán trực tuyến"),
]
LEVEL_CHOICES = [(level, label) for level, label, _ in SERVICE_LEVEL_LINKS]
LEVEL_EXPLANATIONS = {level: explanation for level, _, explanation in SERVICE_LEVEL_LINKS}
