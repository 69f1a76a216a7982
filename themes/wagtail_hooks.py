from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .models import Region, Sector


class SectorAdmin(ModelAdmin):
    model = Sector
    menu_icon = "group"
    list_display = ("abbreviation", "name", "slug", "sort_order")
    search_fields = ("name", "abbreviation")
    ordering = ("sort_order", "name")


class RegionAdmin(ModelAdmin):
    model = Region
    menu_icon = "globe"
    list_display = ("name", "slug", "sort_order")
    search_fields = ("name",)
    ordering = ("sort_order", "name")


@modeladmin_register
class ClassificationAdminGroup(ModelAdminGroup):
    menu_label = "Classificatie"
    menu_icon = "tag"
    menu_order = 250
    items = (SectorAdmin, RegionAdmin)
