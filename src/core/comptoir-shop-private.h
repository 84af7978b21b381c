// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "comptoir-shop.h"
#include "comptoir-store.h"

G_BEGIN_DECLS

/* The stored profile frozen as JSON text, and the profile it describes
 * (for the outbox: what is sent again must be exactly what was sent). */
char         *comptoir_shop_snapshot      (ComptoirStore  *store,
                                           GError        **error);
ComptoirShop *comptoir_shop_from_snapshot (ComptoirStore  *store,
                                           const char     *snapshot,
                                           GError        **error);

G_END_DECLS
