"""Synonym groups a new site starts with, added by migrations without overriding editors' own."""


def add_synonym_groups(group_model, groups):
    """Add each group ("term, term, …") of which no term is in a group yet, so that the groups
    an editor made win."""
    known = {
        term.strip().lower()
        for terms in group_model.objects.values_list("terms", flat=True)
        for term in terms.split(",")
    }
    group_model.objects.bulk_create(
        group_model(terms=terms)
        for terms in groups
        if not known & {term.strip().lower() for term in terms.split(",")}
    )


def _terms(text):
    return [term.strip().lower() for term in text.split(",") if term.strip()]


def extend_synonym_groups(group_model, extensions):
    """Add terms to groups a migration seeded: `extensions` maps a group's seeded terms ("term,
    term, …") to the terms to add. A group an editor changed since is left as it is, and so is
    a term some group already has."""
    groups = list(group_model.objects.all())
    known = {term for group in groups for term in _terms(group.terms)}
    by_terms = {tuple(_terms(group.terms)): group for group in groups}
    for seeded, extra in extensions.items():
        group = by_terms.get(tuple(_terms(seeded)))
        added = [term for term in _terms(extra) if term not in known]
        if group is None or not added:
            continue
        group.terms = ", ".join([*_terms(group.terms), *added])
        group.save(update_fields=["terms"])
        known.update(added)
