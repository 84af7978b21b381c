// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "comptoir-product-query.h"
#include "comptoir-products-page.h"
#include "comptoir-thumbnails.h"

G_BEGIN_DECLS

/* Shared by the files of the Products section: the page itself
 * (comptoir-products-page.c) and its actions on many products at once,
 * import and export (comptoir-products-page-actions.c). */

struct _ComptoirProductsPage
{
  GtkWidget            parent_instance;

  ComptoirStore       *store;
  gboolean             loaded;    /* the list is read when first shown */
  GListModel          *model;
  GtkMultiSelection   *selection;
  GSimpleActionGroup  *actions;
  GMenu               *filter_menu;
  ComptoirThumbnails  *thumbnails;

  /* what is shown */
  char                *search;
  char                *category;   /* NULL: any */
  ComptoirStockFilter  stock;
  ComptoirPublishedFilter marketplace;
  ComptoirPublishedFilter directory;
  gboolean                refused;
  gboolean             archived;
  ComptoirProductSort  sort;
  gboolean             descending;

  GtkSearchEntry      *search_entry;
  GtkMenuButton       *filter_button;
  GtkRevealer         *bulk_revealer;
  GtkLabel            *bulk_label;
  GtkStack            *stack;
  GtkListView         *list_view;
  GtkGridView         *grid_view;
};

void       comptoir_products_page_add_toast        (ComptoirProductsPage *self,
                                                    AdwToast             *toast);
void       comptoir_products_page_show_message     (ComptoirProductsPage *self,
                                                    const char           *text);
GtkWindow *comptoir_products_page_get_window       (ComptoirProductsPage *self);
GArray    *comptoir_products_page_get_selected_ids (ComptoirProductsPage *self);

void       comptoir_products_page_bulk_activated         (GSimpleAction *action,
                                                          GVariant      *parameter,
                                                          gpointer       user_data);
void       comptoir_products_page_unselect_all_activated (GSimpleAction *action,
                                                          GVariant      *parameter,
                                                          gpointer       user_data);
void       comptoir_products_page_import_activated       (GSimpleAction *action,
                                                          GVariant      *parameter,
                                                          gpointer       user_data);
void       comptoir_products_page_export_activated       (GSimpleAction *action,
                                                          GVariant      *parameter,
                                                          gpointer       user_data);

G_END_DECLS
