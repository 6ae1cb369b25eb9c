package io.atomicmigrate.sandbox.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.ArrayList;
import java.util.List;

/**
 * What a new account contains (PIPEDRIVE.md 6; checklist 22). The defaults are the values seen in
 * real new accounts; a fixture may rename them, recolour them or change their number.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class DefaultContents {
    public String pipelineName = "Pipeline";
    public List<String> stages = new ArrayList<>(List.of("Qualified", "Contact Made", "Demo Scheduled", "Proposal Made",
            "Negotiations Started"));
    /** Names; key_string and icon_key are the lowercased name. */
    public List<String> activityTypes = new ArrayList<>(List.of("Call", "Meeting", "Task", "Deadline", "Email", "Lunch"));
    /** [name, colour] pairs. */
    public List<List<String>> leadLabels = new ArrayList<>(List.of(List.of("Hot", "red"), List.of("Warm", "yellow"),
            List.of("Cold", "blue")));
    /** Options of the person and organization "label" fields: [label, colour] pairs. */
    public List<List<String>> contactLabels = new ArrayList<>(List.of(List.of("Customer", "green"), List.of("Hot lead", "red"),
            List.of("Warm lead", "yellow"), List.of("Cold lead", "blue")));
}
