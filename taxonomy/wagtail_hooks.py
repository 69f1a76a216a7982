from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .models import Region, Sector

# The admin URLs keep the `themes` app label these models had before they moved to taxonomy.


class SectorAdmin(ModelAdmin):
    model = Sector
    base_url_path = "themes/sector"
    menu_icon = "group"
    list_display = ("abbreviation", "name", "slug", "sort_order")
    search_fields = ("name", "abbreviation")
    ordering = ("sort_order", "name")


class RegionAdmin(ModelAdmin):
    model = Region
    menu_label = "Regio's"  # modeladmin's default title-cases the plural: "Regio'S"
    base_url_path = "themes/region"
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


@hooks.register("insert_global_admin_css")
def checkbox_columns_css():
    return format_html('<link rel="stylesheet" href="{}">', static("taxonomy/admin.css"))
