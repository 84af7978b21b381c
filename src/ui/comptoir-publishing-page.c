// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-publishing-page"

#include "config.h"

#include <adwaita.h>

#include "comptoir-publishing-page.h"

struct _ComptoirPublishingPage
{
  GtkWidget      parent_instance;

  ComptoirStore *store;
  GtkWidget     *empty_page;
};

G_DEFINE_FINAL_TYPE (ComptoirPublishingPage, comptoir_publishing_page, GTK_TYPE_WIDGET)

static void
comptoir_publishing_page_dispose (GObject *object)
{
  ComptoirPublishingPage *self = COMPTOIR_PUBLISHING_PAGE (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), COMPTOIR_TYPE_PUBLISHING_PAGE);

  G_OBJECT_CLASS (comptoir_publishing_page_parent_class)->dispose (object);
}

static void
comptoir_publishing_page_class_init (ComptoirPublishingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = comptoir_publishing_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/comptoir-publishing-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ComptoirPublishingPage, empty_page);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
comptoir_publishing_page_init (ComptoirPublishingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
comptoir_publishing_page_set_store (ComptoirPublishingPage *self,
                                ComptoirStore *store)
{
  g_return_if_fail (COMPTOIR_IS_PUBLISHING_PAGE (self));
  g_return_if_fail (COMPTOIR_IS_STORE (store));

  g_set_object (&self->store, store);
}
