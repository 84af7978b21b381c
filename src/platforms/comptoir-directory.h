// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "comptoir-platform.h"

G_BEGIN_DECLS

/* The solidarity directory API (docs/api/directory.yaml): schema.org
 * JSON-LD, an API key handed out by the association, moderation. */

#define COMPTOIR_TYPE_DIRECTORY (comptoir_directory_get_type ())
GType comptoir_directory_get_type (void);

G_END_DECLS
