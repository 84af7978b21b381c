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
void      comptoir_shop_export_html_async  (ComptoirShop        *shop,
                                            ComptoirStore       *store,
                                            GFile               *destination,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean  comptoir_shop_export_html_finish (GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
