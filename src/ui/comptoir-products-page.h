// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtk/gtk.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_PRODUCTS_PAGE (comptoir_products_page_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirProductsPage, comptoir_products_page, COMPTOIR, PRODUCTS_PAGE, GtkWidget)

void        comptoir_products_page_set_store (ComptoirProductsPage *self,
                                              ComptoirStore        *store);
void        comptoir_products_page_reload    (ComptoirProductsPage *self);
void        comptoir_products_page_show_refused (ComptoirProductsPage *self);
GListModel *comptoir_products_page_get_model (ComptoirProductsPage *self);

G_END_DECLS
