// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gtk/gtk.h>

#include "comptoir-shop.h"
#include "comptoir-store.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_SHOP_PAGE (comptoir_shop_page_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirShopPage, comptoir_shop_page, COMPTOIR, SHOP_PAGE, GtkWidget)

void          comptoir_shop_page_set_store (ComptoirShopPage *self,
                                            ComptoirStore    *store);
ComptoirShop *comptoir_shop_page_get_shop  (ComptoirShopPage *self);
void          comptoir_shop_page_flush     (ComptoirShopPage *self);
void          comptoir_shop_page_export_to (ComptoirShopPage *self,
                                            GFile            *file);
void          comptoir_shop_page_import_photo (ComptoirShopPage *self,
                                               const char       *which,
                                               GFile            *file);

G_END_DECLS
