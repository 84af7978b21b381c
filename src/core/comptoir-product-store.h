// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "comptoir-product.h"
#include "comptoir-store.h"

G_BEGIN_DECLS

gboolean         comptoir_product_save      (ComptoirStore    *store,
                                             ComptoirProduct  *product,
                                             GError          **error);
gboolean         comptoir_product_save_with_photos (ComptoirStore       *store,
                                                    ComptoirProduct     *product,
                                                    const char * const  *hashes,
                                                    GError             **error);
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

gint64           comptoir_product_duplicate (ComptoirStore    *store,
                                             gint64            id,
                                             GError          **error);
gboolean         comptoir_product_archive   (ComptoirStore    *store,
                                             gint64            id,
                                             gboolean          archived,
                                             GError          **error);
char            *comptoir_product_delete_with_snapshot (ComptoirStore  *store,
                                                        gint64          id,
                                                        GError        **error);
gint64           comptoir_product_restore   (ComptoirStore    *store,
                                             const char       *snapshot,
                                             GError          **error);
GStrv            comptoir_product_list_categories (ComptoirStore  *store,
                                                   GError        **error);

G_END_DECLS
