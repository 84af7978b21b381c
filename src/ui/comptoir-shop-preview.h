// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "comptoir-shop.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_SHOP_PREVIEW (comptoir_shop_preview_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirShopPreview, comptoir_shop_preview, COMPTOIR, SHOP_PREVIEW, AdwBin)

GtkWidget *comptoir_shop_preview_new      (void);
void       comptoir_shop_preview_set_shop (ComptoirShopPreview *self,
                                           ComptoirShop        *shop);
void       comptoir_shop_preview_refresh  (ComptoirShopPreview *self);

G_END_DECLS
