// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "comptoir-shop.h"
#include "comptoir-store.h"

G_BEGIN_DECLS

ComptoirShop *comptoir_test_sample_shop        (void);
gboolean      comptoir_test_add_sample_images  (ComptoirStore *store,
                                                ComptoirShop  *shop,
                                                GError       **error);

G_END_DECLS
