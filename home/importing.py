"""The agencies section of `import_content` (contracts.md §1), next to the agency set-up it runs.

The framework (entries, validation then writing in one transaction) is portal_site.importing;
like procedures and news, home registers its section there from HomeConfig.ready().
"""

from home.agencies import AgencySetupError, clean_hostname, setup_agency
from home.models import AgencyPage
from portal_site.importing import Entry, ImportFailed, paragraphs_html, publish


def known_agency_slugs(entries, context):
    """The agency slugs an import's `entries` may name: the file's own agencies (imported first)
    and the ones already in the portal. One query, for the slugs the file does not define."""
    known = {raw.get("slug") for raw in context.data.get("agencies", []) if isinstance(raw, dict)}
    wanted = {raw.get("agency") for raw in entries if isinstance(raw, dict)} - known
    wanted = [slug for slug in wanted if isinstance(slug, str)]
    return known | set(AgencyPage.objects.filter(slug__in=wanted).values_list("slug", flat=True))


class AgencySection:
    """contracts.md §1 "agencies": one AgencyPage per slug, with its sections and collection."""

    key = "agencies"
    label = "Cơ quan"

    def validate(self, entries, context):
        cleaned, seen = [], {}
        for index, raw in enumerate(entries):
            entry = Entry(self.key, index, raw, id_field="slug")
            item = {
                "slug": entry.slug("slug", required=True),
                "name": entry.text("name", required=True, max_length=255),
                "parent": entry.slug("parent"),
                "short_name": entry.text("short_name", max_length=50),
                "kind": entry.text("kind", default="so-nganh"),
                "email": entry.email("email"),
                "phone": entry.text("phone", max_length=50),
                "address": entry.text("address", max_length=255),
                "website": entry.url("website"),
                "functions": paragraphs_html(entry.text("functions")),
                "valid_from": entry.date("valid_from"),
                "valid_to": entry.date("valid_to"),
                "successor": entry.slug("successor"),
                "hostname": entry.text("hostname", max_length=255),
                "leaders": [],
            }
            if item["kind"] not in dict(AgencyPage.KIND_CHOICES):
                choices = ", ".join(dict(AgencyPage.KIND_CHOICES))
                raise entry.error("kind", f'"{item["kind"]}" không hợp lệ (chọn một trong: {choices}).')
            if item["hostname"]:
                try:
                    item["hostname"] = clean_hostname(item["hostname"])
                except AgencySetupError as exc:
                    raise entry.error("hostname", str(exc)) from None
            if item["valid_from"] and item["valid_to"] and item["valid_to"] < item["valid_from"]:
                raise entry.error("valid_to", "ngày giải thể phải sau ngày bắt đầu hoạt động.")
            for position in range(len(entry.list("leaders"))):
                leader = entry.sub_entry("leaders", position)
                item["leaders"].append(
                    {
                        "name": leader.text("name", required=True, max_length=255),
                        "title": leader.text("title", required=True, max_length=255),
                        "email": leader.email("email"),
                        "phone": leader.text("phone", max_length=50),
                    }
                )
            if item["slug"] in seen:
                raise entry.error("slug", f"trùng với agencies[{seen[item['slug']]}].")
            seen[item["slug"]] = index
            item["_entry"] = entry
            cleaned.append(item)

        existing = set(
            AgencyPage.objects.filter(slug__in=self._references(cleaned)).values_list("slug", flat=True)
        )
        for item in cleaned:
            for field in ("parent", "successor"):
                ref = item[field]
                if ref and ref not in seen and ref not in existing:
                    raise item["_entry"].error(field, f'không có cơ quan "{ref}" trong tệp hoặc trong cổng.')
            if item["parent"] == item["slug"]:
                raise item["_entry"].error("parent", "cơ quan không thể trực thuộc chính nó.")
        return self._parents_first(cleaned)

    @staticmethod
    def _references(cleaned):
        return {item[field] for item in cleaned for field in ("parent", "successor") if item[field]}

    @staticmethod
    def _parents_first(cleaned):
        by_slug = {item["slug"]: item for item in cleaned}
        ordered, state = [], {}

        def visit(item, chain):
            slug = item["slug"]
            if state.get(slug) == "done":
                return
            if slug in chain:
                raise item["_entry"].error("parent", "quan hệ trực thuộc tạo thành vòng lặp.")
            parent = by_slug.get(item["parent"])
            if parent:
                visit(parent, (*chain, slug))
            state[slug] = "done"
            ordered.append(item)

        for item in cleaned:
            visit(item, ())
        return ordered

    def write(self, items, context, counts):
        successors = []
        for done, item in enumerate(items, start=1):
            fields = {k: v for k, v in item.items() if not k.startswith("_") and k not in ("successor",)}
            try:
                page, status = setup_agency(**fields)
            except AgencySetupError as exc:  # found only against the database, e.g. a taken hostname
                raise ImportFailed(f"{item['_entry'].label}: {exc}") from None
            context.agencies[item["slug"]] = page
            counts.add(status)
            if item["successor"]:
                successors.append((page, item["successor"]))
            context.progress(self.label, done, len(items))
        # Successors may come later in the file than the agency they replace: link them last.
        for page, successor_slug in successors:
            successor = context.agencies.get(successor_slug) or AgencyPage.objects.get(slug=successor_slug)
            if page.successor_id != successor.pk:
                page.successor = successor
                publish(page)
