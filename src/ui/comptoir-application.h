// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "comptoir-store.h"
#include "comptoir-sync-engine.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_APPLICATION (comptoir_application_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirApplication, comptoir_application, COMPTOIR, APPLICATION, AdwApplication)

ComptoirApplication *comptoir_application_new       (void);
ComptoirStore       *comptoir_application_get_store (ComptoirApplication *self);
ComptoirSyncEngine  *comptoir_application_get_sync_engine (ComptoirApplication *self);

G_END_DECLS
