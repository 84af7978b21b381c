// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "comptoir-shop.h"
#include "comptoir-store.h"

G_BEGIN_DECLS

char     *comptoir_shop_export_html_string (ComptoirShop  *shop,
                                            ComptoirStore *store,
                                            GDateTime     *now);
gboolean  comptoir_shop_export_html        (ComptoirShop  *shop,
                                            ComptoirStore *store,
                                            GFile         *destination,
                                            GError       **error);

G_END_DECLS
