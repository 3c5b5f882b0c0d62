// The drill's own record, added to its run file as the /drill group (docs/hdf5-schema.md,
// "Drill record"): the decisions, the facilitator injects, what the monitoring view showed,
// the debrief's outcomes and the scenario that replays the drill with `firestorm run`.
// Nothing in it depends on how the decisions were entered (window, keys or script) or on
// the playing speed, so a scripted drill and the same decisions entered live compare equal.
#pragma once

#include <string>

namespace firestorm::viz {

class DrillSession;
struct DrillOutcome;

void WriteDrillRecord(const std::string& path, const DrillSession& session, const DrillOutcome& outcome);

}  // namespace firestorm::viz
