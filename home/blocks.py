"""StreamField blocks shared by every page type (standard pages, news, agency pages)."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Tiêu đề", max_length=255)
    size = blocks.ChoiceBlock(
        label="Cấp tiêu đề",
        choices=[("h2", "Tiêu đề cấp 2"), ("h3", "Tiêu đề cấp 3"), ("h4", "Tiêu đề cấp 4")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "Tiêu đề mục"
        template = "blocks/heading_block.html"
        preview_value = {"text": "Trình tự thực hiện", "size": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    # ImageBlock carries the alt text (required unless the image is marked decorative).
    image = ImageBlock(label="Ảnh")
    caption = blocks.CharBlock(label="Chú thích", required=False, max_length=255)

    class Meta:
        icon = "image"
        label = "Ảnh"
        template = "blocks/image_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Tài liệu")
    title = blocks.CharBlock(label="Tên hiển thị", required=False, max_length=255)

    class Meta:
        icon = "doc-full"
        label = "Tài liệu tải về"
        template = "blocks/document_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Trích dẫn")
    attribution = blocks.CharBlock(label="Nguồn / người phát biểu", required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = "Trích dẫn"
        template = "blocks/quote_block.html"
        preview_value = {"text": "Lấy người dân, doanh nghiệp làm trung tâm phục vụ.", "attribution": ""}


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label="Đường dẫn video", help_text="Ví dụ: liên kết YouTube của video.")
    caption = blocks.CharBlock(label="Chú thích", required=False, max_length=255)

    class Meta:
        icon = "media"
        label = "Video"
        template = "blocks/video_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    """The body every content page uses: headings, text, images, documents, tables."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="Đoạn văn",
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"],
        template="blocks/paragraph_block.html",
        preview_value="<p>Nội dung đoạn văn.</p>",
    )
    image = CaptionedImageBlock()
    document = DocumentLinkBlock()
    table = TableBlock(label="Bảng", template="blocks/table_block.html")
    quote = QuoteBlock()
    video = VideoBlock()
