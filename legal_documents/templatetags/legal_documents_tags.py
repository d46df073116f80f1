"""Links from elsewhere into the register: `{% register_entries bases as rows %}` pairs each
legal-basis row of a procedure with the register's document of the same number, in one query."""

from django import template

from legal_documents.models import LegalDocumentPage, normalize_number

register = template.Library()


@register.simple_tag(takes_context=True)
def register_entries(context, bases):
    """[(basis, url of the register entry or None)] for rows with a `number` attribute."""
    bases = list(bases)
    numbers = {normalize_number(basis.number) for basis in bases if basis.number}
    found = {}
    if numbers:
        spellings = numbers | {basis.number.strip() for basis in bases if basis.number}
        documents = (
            LegalDocumentPage.objects.live()
            .public()
            .filter(number__in=spellings)
            .only("number", "url_path", "path", "depth")
            .order_by("-issued", "pk")
        )
        for document in documents:
            found.setdefault(normalize_number(document.number), document)
    request = context.get("request")
    rows = []
    for basis in bases:
        document = found.get(normalize_number(basis.number)) if basis.number else None
        rows.append((basis, document.get_url(request) if document else None))
    return rows
