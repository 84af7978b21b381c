// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-shop-page"

#include "config.h"

#include <adwaita.h>

#include "comptoir-shop-page.h"

struct _ComptoirShopPage
{
  GtkWidget      parent_instance;

  ComptoirStore *store;
  GtkWidget     *empty_page;
};

G_DEFINE_FINAL_TYPE (ComptoirShopPage, comptoir_shop_page, GTK_TYPE_WIDGET)

static void
comptoir_shop_page_dispose (GObject *object)
{
  ComptoirShopPage *self = COMPTOIR_SHOP_PAGE (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMPTOIR_TYPE_SHOP_PAGE);

  G_OBJECT_CLASS (comptoir_shop_page_parent_class)->dispose (object);
}

static void
comptoir_shop_page_class_init (ComptoirShopPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = comptoir_shop_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/comptoir-shop-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ComptoirShopPage, empty_page);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
comptoir_shop_page_init (ComptoirShopPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
comptoir_shop_page_set_store (ComptoirShopPage *self,
                                ComptoirStore *store)
{
  g_return_if_fail (COMPTOIR_IS_SHOP_PAGE (self));
  g_return_if_fail (COMPTOIR_IS_STORE (store));

  g_set_object (&self->store, store);
}
