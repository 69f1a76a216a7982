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
