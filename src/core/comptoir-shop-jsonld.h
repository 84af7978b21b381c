// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <json-glib/json-glib.h>

#include "comptoir-shop.h"

G_BEGIN_DECLS

const char *comptoir_shop_schema_type   (const char   *category);
JsonNode   *comptoir_shop_to_json_ld    (ComptoirShop *shop,
                                         const char   *media_base_url);
char       *comptoir_shop_media_url     (const char   *media_base_url,
                                         const char   *hash);

G_END_DECLS
