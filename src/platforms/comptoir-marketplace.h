// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "comptoir-platform.h"

G_BEGIN_DECLS

/* The marketplace merchant API (docs/api/marketplace.yaml): e-mail and
 * password sign-in, bearer tokens with refresh. */

#define COMPTOIR_TYPE_MARKETPLACE (comptoir_marketplace_get_type ())
GType comptoir_marketplace_get_type (void);

G_END_DECLS
