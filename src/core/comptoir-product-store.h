// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "comptoir-product.h"
#include "comptoir-store.h"

G_BEGIN_DECLS

gboolean         comptoir_product_save      (ComptoirStore    *store,
                                             ComptoirProduct  *product,
                                             GError          **error);
gboolean         comptoir_product_write     (ComptoirStore    *store,
                                             ComptoirProduct  *product,
                                             GError          **error);
ComptoirProduct *comptoir_product_load      (ComptoirStore    *store,
                                             gint64            id,
                                             GError          **error);
gboolean         comptoir_product_delete    (ComptoirStore    *store,
                                             gint64            id,
                                             GError          **error);
GListModel      *comptoir_product_list_new  (ComptoirStore    *store);

G_END_DECLS
