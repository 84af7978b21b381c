// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtk/gtk.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_ORDERS_PAGE (comptoir_orders_page_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirOrdersPage, comptoir_orders_page, COMPTOIR, ORDERS_PAGE, GtkWidget)

void comptoir_orders_page_set_store (ComptoirOrdersPage *self,
                                     ComptoirStore *store);
void comptoir_orders_page_reload    (ComptoirOrdersPage *self);

G_END_DECLS
