// Generated from openapi.yaml by scripts/lib/openapi-to-ts.js; do not edit. A test checks they agree.
export const spec = {
  "openapi": "3.1.0",
  "info": {
    "title": "insights",
    "version": "1",
    "description": "Cairn delivery insights. Ingests deployments, changes, incidents and pipeline runs, and serves\nDORA metrics and CI health per component (summary, series, drill-downs) and rollups per group or\nsystem.\n\nEvery route needs Backstage credentials: a user token, a service token, or an external-access\ntoken (see the plugin README). Times are ISO 8601; durations are seconds; rates are 0..1.\n",
    "license": {
      "name": "Apache-2.0"
    }
  },
  "servers": [
    {
      "url": "/"
    }
  ],
  "components": {
    "parameters": {
      "entity": {
        "name": "entity",
        "in": "query",
        "allowReserved": true,
        "required": true,
        "description": "An entity reference, e.g. component:default/checkout, group:default/commerce.",
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      "environment": {
        "name": "environment",
        "in": "query",
        "description": "An environment name; `production` (the default) covers every production environment.",
        "schema": {
          "type": "string",
          "minLength": 1
        }
      },
      "from": {
        "name": "from",
        "in": "query",
        "allowReserved": true,
        "description": "Start of the range, inclusive (ISO 8601 date or timestamp). Default 30 days before `to`.",
        "schema": {
          "type": "string"
        }
      },
      "to": {
        "name": "to",
        "in": "query",
        "allowReserved": true,
        "description": "End of the range, exclusive. Default now.",
        "schema": {
          "type": "string"
        }
      },
      "timezone": {
        "name": "timezone",
        "in": "query",
        "allowReserved": true,
        "description": "IANA time zone for local days, weeks and buckets. Default from configuration.",
        "schema": {
          "type": "string"
        }
      },
      "benchmark": {
        "name": "benchmark",
        "in": "query",
        "description": "The benchmark tiers come from (2024, 2023, 2021 or a configured custom id).",
        "schema": {
          "type": "string"
        }
      },
      "limit": {
        "name": "limit",
        "in": "query",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 500,
          "default": 50
        }
      },
      "offset": {
        "name": "offset",
        "in": "query",
        "schema": {
          "type": "integer",
          "minimum": 0,
          "default": 0
        }
      }
    },
    "schemas": {
      "HealthReport": {
        "type": "object",
        "required": [
          "status",
          "checks"
        ],
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "ok",
              "unavailable"
            ]
          },
          "checks": {
            "type": "object",
            "additionalProperties": {
              "type": "object",
              "required": [
                "status"
              ],
              "properties": {
                "status": {
                  "type": "string",
                  "enum": [
                    "ok",
                    "unavailable"
                  ]
                },
                "message": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "Error": {
        "type": "object",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "type": "object",
            "properties": {
              "name": {
                "type": "string"
              },
              "message": {
                "type": "string"
              }
            }
          },
          "invalidEvents": {
            "type": "array",
            "description": "On 400 for a batch, every invalid event.",
            "items": {
              "type": "object",
              "properties": {
                "index": {
                  "type": "integer"
                },
                "path": {
                  "type": "string",
                  "example": "events[3].finishedAt"
                },
                "message": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "Timestamp": {
        "type": "string",
        "format": "date-time",
        "description": "ISO 8601 with a time zone, e.g. 2026-03-01T12:00:00Z."
      },
      "Sha": {
        "type": "string",
        "pattern": "^[0-9a-fA-F]{7,64}$"
      },
      "Page": {
        "type": "object",
        "required": [
          "items",
          "totalCount",
          "limit",
          "offset"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "totalCount": {
            "type": "integer"
          },
          "limit": {
            "type": "integer"
          },
          "offset": {
            "type": "integer"
          }
        }
      },
      "Percentiles": {
        "type": "object",
        "properties": {
          "median": {
            "type": [
              "number",
              "null"
            ]
          },
          "p75": {
            "type": [
              "number",
              "null"
            ]
          },
          "p90": {
            "type": [
              "number",
              "null"
            ]
          },
          "count": {
            "type": "integer"
          }
        }
      },
      "Metric": {
        "type": "object",
        "required": [
          "value",
          "unit",
          "sampleSize",
          "trend",
          "tier",
          "details"
        ],
        "properties": {
          "value": {
            "type": [
              "number",
              "null"
            ]
          },
          "unit": {
            "enum": [
              "perDay",
              "seconds",
              "ratio"
            ]
          },
          "sampleSize": {
            "type": "integer"
          },
          "missingReason": {
            "type": "string"
          },
          "trend": {
            "type": "object",
            "properties": {
              "previous": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "change": {
                "type": [
                  "number",
                  "null"
                ]
              },
              "direction": {
                "enum": [
                  "up",
                  "down",
                  "flat",
                  null
                ]
              },
              "better": {
                "type": [
                  "boolean",
                  "null"
                ]
              }
            }
          },
          "tier": {
            "type": "object",
            "properties": {
              "benchmarkId": {
                "type": "string"
              },
              "tiers": {
                "type": "array",
                "items": {
                  "enum": [
                    "elite",
                    "high",
                    "medium",
                    "low"
                  ]
                }
              },
              "reportText": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "reason": {
                "type": "string"
              }
            }
          },
          "details": {
            "type": "object"
          }
        }
      },
      "DoraSummary": {
        "type": "object",
        "required": [
          "entityRef",
          "environment",
          "range",
          "previousRange",
          "benchmark",
          "metrics",
          "coverage"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "environment": {
            "type": "string"
          },
          "range": {
            "type": "object"
          },
          "previousRange": {
            "type": "object"
          },
          "earliestAvailable": {
            "type": [
              "string",
              "null"
            ]
          },
          "benchmark": {
            "type": "object"
          },
          "metrics": {
            "type": "object",
            "properties": {
              "deploymentFrequency": {
                "$ref": "#/components/schemas/Metric"
              },
              "changeLeadTime": {
                "$ref": "#/components/schemas/Metric"
              },
              "changeFailRate": {
                "$ref": "#/components/schemas/Metric"
              },
              "recoveryTime": {
                "$ref": "#/components/schemas/Metric"
              },
              "reworkRate": {
                "$ref": "#/components/schemas/Metric"
              },
              "mttr": {
                "$ref": "#/components/schemas/Metric"
              }
            }
          },
          "coverage": {
            "type": "object"
          }
        }
      },
      "FactDefinitions": {
        "type": "object",
        "description": "By provider id (the namespace checks read facts under), what it describes and its facts.",
        "additionalProperties": {
          "type": "object",
          "required": [
            "description",
            "facts"
          ],
          "properties": {
            "description": {
              "type": "string"
            },
            "facts": {
              "type": "object",
              "additionalProperties": {
                "type": "object",
                "required": [
                  "type",
                  "description"
                ],
                "properties": {
                  "type": {
                    "enum": [
                      "bool",
                      "int",
                      "double",
                      "string",
                      "timestamp",
                      "list<string>",
                      "map<string, string>"
                    ]
                  },
                  "description": {
                    "type": "string"
                  }
                }
              }
            }
          }
        }
      },
      "EntityFactsResponse": {
        "type": "object",
        "required": [
          "entityRef",
          "facts"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "facts": {
            "type": "object",
            "description": "By provider id, the entity's facts; a provider with nothing for the entity is absent.",
            "additionalProperties": {
              "type": "object"
            }
          }
        }
      },
      "EventReference": {
        "description": "An event id of the same source, or an explicit source and id.",
        "oneOf": [
          {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "source",
              "id"
            ],
            "properties": {
              "source": {
                "type": "string",
                "minLength": 1,
                "maxLength": 64
              },
              "id": {
                "type": "string",
                "minLength": 1,
                "maxLength": 255
              }
            }
          }
        ]
      },
      "DeploymentEvent": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "type",
          "source",
          "id",
          "environment"
        ],
        "properties": {
          "type": {
            "const": "deployment"
          },
          "source": {
            "type": "string",
            "minLength": 1,
            "maxLength": 64
          },
          "id": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "updatedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "component": {
            "type": "string",
            "description": "Entity ref or component name."
          },
          "repository": {
            "type": "string",
            "description": "host/owner/name or a repository URL."
          },
          "environment": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "name": {
            "type": "string"
          },
          "version": {
            "type": "string"
          },
          "commit": {
            "$ref": "#/components/schemas/Sha"
          },
          "startedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "finishedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "result": {
            "enum": [
              "success",
              "failure"
            ],
            "description": "Required with finishedAt."
          },
          "trigger": {
            "enum": [
              "normal",
              "rollback",
              "hotfix",
              "revert"
            ],
            "default": "normal"
          },
          "fixes": {
            "$ref": "#/components/schemas/EventReference"
          },
          "fixesIncident": {
            "$ref": "#/components/schemas/EventReference"
          },
          "automated": {
            "type": "boolean"
          },
          "changes": {
            "type": "array",
            "maxItems": 5000,
            "items": {
              "$ref": "#/components/schemas/EventReference"
            }
          },
          "commits": {
            "type": "array",
            "maxItems": 20000,
            "items": {
              "$ref": "#/components/schemas/Sha"
            }
          },
          "url": {
            "type": "string",
            "format": "uri"
          }
        }
      },
      "ChangeEvent": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "type",
          "source",
          "id",
          "repository"
        ],
        "properties": {
          "type": {
            "const": "change"
          },
          "source": {
            "type": "string",
            "minLength": 1,
            "maxLength": 64
          },
          "id": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "updatedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "repository": {
            "type": "string",
            "minLength": 1
          },
          "component": {
            "type": "string"
          },
          "number": {
            "type": "integer",
            "minimum": 1
          },
          "title": {
            "type": "string"
          },
          "url": {
            "type": "string",
            "format": "uri"
          },
          "author": {
            "type": "string",
            "maxLength": 255
          },
          "firstCommitAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "openedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "firstReviewAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "firstReviewer": {
            "type": "string",
            "maxLength": 255,
            "description": "Who gave the first review (a login or an e-mail address); requires firstReviewAt."
          },
          "mergedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "mergeCommit": {
            "$ref": "#/components/schemas/Sha"
          },
          "closedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "changedPaths": {
            "type": "array",
            "maxItems": 20000,
            "items": {
              "type": "string"
            }
          }
        }
      },
      "IncidentEvent": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "type",
          "source",
          "id",
          "detectedAt"
        ],
        "properties": {
          "type": {
            "const": "incident"
          },
          "source": {
            "type": "string",
            "minLength": 1,
            "maxLength": 64
          },
          "id": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "updatedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "component": {
            "type": "string"
          },
          "repository": {
            "type": "string"
          },
          "environment": {
            "type": "string",
            "default": "production"
          },
          "severity": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "url": {
            "type": "string",
            "format": "uri"
          },
          "detectedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "resolvedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "causedBy": {
            "type": "object",
            "additionalProperties": false,
            "minProperties": 1,
            "properties": {
              "deployment": {
                "$ref": "#/components/schemas/EventReference"
              },
              "version": {
                "type": "string"
              },
              "commit": {
                "$ref": "#/components/schemas/Sha"
              }
            }
          }
        }
      },
      "PipelineRunEvent": {
        "type": "object",
        "description": "One run of a CI pipeline on one commit (docs/DESIGN.md, \"CI health\"). Tied to a component like a\ndeployment (component, or repository). Lifecycle: queued, started, finished.\n",
        "additionalProperties": false,
        "required": [
          "type",
          "source",
          "id",
          "pipeline",
          "commit",
          "kind"
        ],
        "properties": {
          "type": {
            "const": "pipelineRun"
          },
          "source": {
            "type": "string",
            "minLength": 1,
            "maxLength": 64
          },
          "id": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255
          },
          "updatedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "component": {
            "type": "string",
            "description": "Entity ref or component name."
          },
          "repository": {
            "type": "string",
            "description": "host/owner/name or a repository URL."
          },
          "pipeline": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "The pipeline (workflow, job) the run belongs to."
          },
          "commit": {
            "$ref": "#/components/schemas/Sha"
          },
          "branch": {
            "type": "string",
            "maxLength": 255
          },
          "kind": {
            "enum": [
              "defaultBranch",
              "pullRequest",
              "other"
            ],
            "description": "What the run built. Only default-branch runs end a change's build stage."
          },
          "attempt": {
            "type": "integer",
            "minimum": 1,
            "maximum": 1000
          },
          "queuedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "startedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "finishedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "result": {
            "enum": [
              "success",
              "failure",
              "cancelled"
            ],
            "description": "Required with finishedAt."
          },
          "url": {
            "type": "string",
            "format": "uri"
          },
          "tests": {
            "type": "object",
            "description": "A test report (JUnit) summarised; passing tests are counted, failing ones listed.",
            "additionalProperties": false,
            "required": [
              "passed",
              "failed"
            ],
            "properties": {
              "passed": {
                "type": "integer",
                "minimum": 0
              },
              "failed": {
                "type": "integer",
                "minimum": 0
              },
              "skipped": {
                "type": "integer",
                "minimum": 0
              },
              "failures": {
                "type": "array",
                "maxItems": 1000,
                "items": {
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                    "name"
                  ],
                  "properties": {
                    "suite": {
                      "type": "string",
                      "maxLength": 512
                    },
                    "name": {
                      "type": "string",
                      "minLength": 1,
                      "maxLength": 1024
                    },
                    "message": {
                      "type": "string",
                      "maxLength": 2000
                    }
                  }
                }
              }
            }
          }
        }
      },
      "DeliveryEvent": {
        "oneOf": [
          {
            "$ref": "#/components/schemas/DeploymentEvent"
          },
          {
            "$ref": "#/components/schemas/ChangeEvent"
          },
          {
            "$ref": "#/components/schemas/IncidentEvent"
          },
          {
            "$ref": "#/components/schemas/PipelineRunEvent"
          }
        ]
      },
      "IngestCounts": {
        "type": "object",
        "required": [
          "inserted",
          "updated",
          "unchanged",
          "stale",
          "merged",
          "unattributed"
        ],
        "properties": {
          "inserted": {
            "type": "integer"
          },
          "updated": {
            "type": "integer"
          },
          "unchanged": {
            "type": "integer",
            "description": "Identical replays and ignored older updates."
          },
          "stale": {
            "type": "integer",
            "description": "Of unchanged: older updates that arrived late."
          },
          "merged": {
            "type": "integer",
            "description": "Deployments merged into one reported by another source."
          },
          "unattributed": {
            "type": "integer"
          },
          "outOfOrder": {
            "type": "array",
            "maxItems": 100,
            "description": "Changes whose stage timestamps run backwards (stored; left out of those stages).",
            "items": {
              "type": "object",
              "required": [
                "index",
                "id",
                "stages",
                "message"
              ],
              "properties": {
                "index": {
                  "type": "integer"
                },
                "id": {
                  "type": "string"
                },
                "stages": {
                  "type": "array",
                  "items": {
                    "type": "string",
                    "enum": [
                      "coding",
                      "pickup",
                      "review",
                      "deploy"
                    ]
                  }
                },
                "message": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "CdeventsIngestCounts": {
        "description": "Counts of delivery records (not CloudEvents), plus what happened to the CloudEvents.",
        "allOf": [
          {
            "$ref": "#/components/schemas/IngestCounts"
          },
          {
            "type": "object",
            "required": [
              "received",
              "ignored",
              "pending"
            ],
            "properties": {
              "received": {
                "type": "integer",
                "description": "CloudEvents in the request."
              },
              "ignored": {
                "type": "integer",
                "description": "CloudEvents of types or versions Cairn does not map: acknowledged, counted, not stored."
              },
              "pending": {
                "type": "integer",
                "description": "Records held until what they need arrives: an incident's detection, what a pipeline run built."
              }
            }
          }
        ]
      },
      "CloudEvent": {
        "type": "object",
        "description": "A CloudEvent (specversion 1.0) whose data is a CDEvent: `{ context, subject, customData? }` as the\nCDEvents schema of its type and version says. The CloudEvent's id, source and type are the\nCDEvent's context id, source and type.\n",
        "required": [
          "specversion",
          "id",
          "source",
          "type"
        ],
        "properties": {
          "specversion": {
            "const": "1.0"
          },
          "id": {
            "type": "string"
          },
          "source": {
            "type": "string"
          },
          "type": {
            "type": "string",
            "example": "dev.cdevents.service.deployed.0.3.0"
          },
          "time": {
            "type": "string"
          },
          "datacontenttype": {
            "type": "string"
          },
          "data": {
            "$ref": "#/components/schemas/CDEvent"
          }
        }
      },
      "CDEvent": {
        "type": "object",
        "required": [
          "context",
          "subject"
        ],
        "properties": {
          "context": {
            "type": "object"
          },
          "subject": {
            "type": "object"
          },
          "customData": {},
          "customDataContentType": {
            "type": "string"
          }
        }
      },
      "IngestionOutcomeCounts": {
        "type": "object",
        "required": [
          "accepted",
          "updated",
          "ignored",
          "rejected",
          "unattributed"
        ],
        "properties": {
          "accepted": {
            "type": "integer",
            "description": "New records stored."
          },
          "updated": {
            "type": "integer",
            "description": "Stored records that changed."
          },
          "ignored": {
            "type": "integer",
            "description": "Received and changed nothing: replays, late older updates, input the source does not map."
          },
          "rejected": {
            "type": "integer",
            "description": "Refused: invalid events (the whole batch), bad signatures, unreadable requests."
          },
          "unattributed": {
            "type": "integer",
            "description": "Of accepted and updated: stored without a component."
          }
        }
      },
      "IngestionNote": {
        "type": "object",
        "required": [
          "at",
          "count",
          "reason"
        ],
        "properties": {
          "at": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "count": {
            "type": "integer"
          },
          "reason": {
            "type": "string"
          }
        }
      },
      "IngestionSourceHealth": {
        "type": "object",
        "required": [
          "source",
          "registered",
          "lastReceivedAt",
          "lastAcceptedAt",
          "totals",
          "buckets",
          "recentRejections",
          "recentIgnored"
        ],
        "properties": {
          "source": {
            "type": "string",
            "description": "api (POST /v1/events), cdevents, demo, or a module id such as github."
          },
          "registered": {
            "type": "boolean",
            "description": "Whether the source is installed now (false for one seen before and removed)."
          },
          "lastReceivedAt": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "lastAcceptedAt": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          },
          "totals": {
            "$ref": "#/components/schemas/IngestionOutcomeCounts"
          },
          "buckets": {
            "type": "array",
            "items": {
              "allOf": [
                {
                  "$ref": "#/components/schemas/IngestionOutcomeCounts"
                },
                {
                  "type": "object",
                  "required": [
                    "start",
                    "end"
                  ],
                  "properties": {
                    "start": {
                      "$ref": "#/components/schemas/Timestamp"
                    },
                    "end": {
                      "$ref": "#/components/schemas/Timestamp"
                    }
                  }
                }
              ]
            }
          },
          "recentRejections": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/IngestionNote"
            }
          },
          "recentIgnored": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/IngestionNote"
            }
          }
        }
      },
      "UnattributedEvents": {
        "type": "object",
        "required": [
          "type",
          "source",
          "repository",
          "count",
          "lastReceivedAt",
          "examples",
          "reason",
          "hint"
        ],
        "properties": {
          "type": {
            "enum": [
              "deployment",
              "change",
              "incident",
              "pipelineRun"
            ]
          },
          "source": {
            "type": "string"
          },
          "repository": {
            "type": [
              "string",
              "null"
            ]
          },
          "count": {
            "type": "integer"
          },
          "lastReceivedAt": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "examples": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "reason": {
            "type": "string"
          },
          "hint": {
            "type": "string"
          },
          "annotation": {
            "type": "object",
            "required": [
              "name",
              "value"
            ],
            "properties": {
              "name": {
                "type": "string"
              },
              "value": {
                "type": "string"
              }
            }
          },
          "candidates": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "IngestionHealth": {
        "type": "object",
        "required": [
          "range",
          "sources",
          "unattributed"
        ],
        "properties": {
          "range": {
            "type": "object",
            "required": [
              "from",
              "to",
              "bucket"
            ],
            "properties": {
              "from": {
                "$ref": "#/components/schemas/Timestamp"
              },
              "to": {
                "$ref": "#/components/schemas/Timestamp"
              },
              "bucket": {
                "enum": [
                  "hour",
                  "day"
                ]
              }
            }
          },
          "sources": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/IngestionSourceHealth"
            }
          },
          "unattributed": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/UnattributedEvents"
            }
          }
        }
      },
      "OwnershipReport": {
        "type": "object",
        "required": [
          "entityRef",
          "computedAt",
          "namesVisible",
          "ownerHealth",
          "knowledge",
          "knowledgeProblem",
          "source",
          "reviews"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "computedAt": {
            "type": "string",
            "format": "date-time"
          },
          "namesVisible": {
            "type": "boolean",
            "description": "Whether people's names are shown: for members of the owning team and holders of insights.ownership.people.read; everyone else sees counts (names are null)."
          },
          "ownerHealth": {
            "type": "object",
            "description": "owner, ownerKind (group, user or null), members, confirmedOn, confirmationAgeDays, onCall ({provider, on}) and problems (no-owner, owner-missing, owner-is-person, owner-left, no-members, never-confirmed, confirmation-stale, confirmation-unreadable, no-on-call)."
          },
          "knowledge": {
            "type": "object",
            "nullable": true,
            "description": "files, truckFactor, keyPeople, uncoveredFiles, singleKnowerAreas ({area, member, files}), departedAuthors ({author, files}), commits and unmatchedAuthors; null with knowledgeProblem saying why."
          },
          "knowledgeProblem": {
            "type": "string",
            "nullable": true
          },
          "source": {
            "type": "string",
            "nullable": true,
            "description": "The repository and the commit analysed (host/owner/name@sha)."
          },
          "reviews": {
            "type": "object",
            "nullable": true,
            "description": "Review concentration over the changes first reviewed in the last windowDays (90 by default): reviewed, withReviewer, distinctReviewers, reviewers ({reviewer, reviews, share}, reviewer null without names), topShare and topTwoShare, pickup ({presentMedianSeconds, presentChanges, awayMedianSeconds, awayChanges}: opened → first review while the top reviewer gave a first review within a day, and while not), concentrated, the DORA leadTimeBottleneck and bottleneck (concentrated and the bottleneck stage is pickup). Null when no change was reviewed in the window."
          }
        }
      },
      "OwnershipRollup": {
        "type": "object",
        "required": [
          "entityRef",
          "components",
          "withReports",
          "withoutHistory",
          "truckFactors",
          "atRisk",
          "ownerProblems",
          "reviews",
          "teams",
          "team"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "components": {
            "type": "integer"
          },
          "withReports": {
            "type": "integer"
          },
          "withoutHistory": {
            "type": "integer"
          },
          "truckFactors": {
            "type": "object",
            "description": "Components by truck factor (0, 1, 2, 3 or more).",
            "properties": {
              "0": {
                "type": "integer"
              },
              "1": {
                "type": "integer"
              },
              "2": {
                "type": "integer"
              },
              "3+": {
                "type": "integer"
              }
            }
          },
          "atRisk": {
            "description": "Components whose code one current member or nobody knows (truck factor 0 or 1).",
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "entityRef",
                "truckFactor",
                "files",
                "uncoveredFiles"
              ],
              "properties": {
                "entityRef": {
                  "type": "string"
                },
                "truckFactor": {
                  "type": "integer"
                },
                "files": {
                  "type": "integer"
                },
                "uncoveredFiles": {
                  "type": "integer"
                }
              }
            }
          },
          "ownerProblems": {
            "type": "object",
            "description": "Owner problems by kind, counted over the components.",
            "additionalProperties": {
              "type": "integer"
            }
          },
          "reviews": {
            "type": "object",
            "required": [
              "withReviews",
              "concentrated",
              "components"
            ],
            "properties": {
              "withReviews": {
                "type": "integer",
                "description": "Components with changes reviewed in the window."
              },
              "concentrated": {
                "type": "integer"
              },
              "components": {
                "type": "array",
                "description": "The components whose reviews are concentrated, bottlenecks first.",
                "items": {
                  "type": "object",
                  "required": [
                    "entityRef",
                    "topShare",
                    "topTwoShare",
                    "distinctReviewers",
                    "bottleneck"
                  ],
                  "properties": {
                    "entityRef": {
                      "type": "string"
                    },
                    "topShare": {
                      "type": "number"
                    },
                    "topTwoShare": {
                      "type": "number"
                    },
                    "distinctReviewers": {
                      "type": "integer"
                    },
                    "bottleneck": {
                      "type": "boolean"
                    }
                  }
                }
              }
            }
          },
          "teams": {
            "type": "array",
            "description": "Every team of a group's sub-tree (empty for a system): members, components it owns, components per member and its size against the 15–25 people at which silos form (small, forming, large).",
            "items": {
              "type": "object",
              "required": [
                "entityRef",
                "members",
                "components",
                "componentsPerMember",
                "size"
              ],
              "properties": {
                "entityRef": {
                  "type": "string"
                },
                "members": {
                  "type": "integer"
                },
                "components": {
                  "type": "integer"
                },
                "componentsPerMember": {
                  "type": "number",
                  "nullable": true
                },
                "size": {
                  "type": "string",
                  "enum": [
                    "small",
                    "forming",
                    "large"
                  ]
                }
              }
            }
          },
          "team": {
            "type": "object",
            "nullable": true,
            "description": "The group's own report: members, whoKnowsWhat ({component, commits, shares: {member, share}} over the commits of the year before the newest), reviewLoad ({member, reviews}) and reviewsByOthers. Names for the group's members and holders of insights.ownership.people.read, null for everyone else (namesVisible). Null for a system."
          }
        }
      },
      "SloDocumentsRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "entity",
          "content"
        ],
        "properties": {
          "entity": {
            "type": "string",
            "maxLength": 512,
            "description": "The component the SLOs belong to."
          },
          "content": {
            "type": "string",
            "maxLength": 262144,
            "description": "OpenSLO v1 documents as YAML (several separated by ---)."
          }
        }
      },
      "DeploymentNearBurn": {
        "type": "object",
        "required": [
          "id",
          "source",
          "finishedAt",
          "result",
          "version",
          "commit",
          "url"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "source": {
            "type": "string"
          },
          "finishedAt": {
            "type": "string",
            "format": "date-time"
          },
          "result": {
            "type": "string",
            "nullable": true
          },
          "version": {
            "type": "string",
            "nullable": true
          },
          "commit": {
            "type": "string",
            "nullable": true
          },
          "url": {
            "type": "string",
            "nullable": true
          }
        }
      },
      "SloProblem": {
        "type": "object",
        "required": [
          "document",
          "path",
          "message"
        ],
        "properties": {
          "document": {
            "type": "string"
          },
          "path": {
            "type": "string"
          },
          "message": {
            "type": "string"
          }
        }
      },
      "SloDocumentsResponse": {
        "type": "object",
        "required": [
          "entityRef",
          "version",
          "slos",
          "unsupported"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "version": {
            "type": "integer"
          },
          "slos": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "unsupported": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SloProblem"
            }
          }
        }
      },
      "SloDocumentsList": {
        "type": "object",
        "required": [
          "entityRef",
          "documents"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "documents": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "origin",
                "version",
                "state",
                "problems",
                "unsupported",
                "receivedBy",
                "receivedAt"
              ],
              "properties": {
                "componentRef": {
                  "type": "string"
                },
                "origin": {
                  "type": "string"
                },
                "version": {
                  "type": "integer"
                },
                "state": {
                  "enum": [
                    "valid",
                    "invalid"
                  ]
                },
                "problems": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/SloProblem"
                  }
                },
                "unsupported": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/SloProblem"
                  }
                },
                "receivedBy": {
                  "type": "string"
                },
                "receivedAt": {
                  "type": "string",
                  "format": "date-time"
                },
                "content": {
                  "description": "The documents as received (YAML), or empty for a file that could not be read.",
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "SliPushRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "entity",
          "slo",
          "buckets"
        ],
        "properties": {
          "entity": {
            "type": "string",
            "maxLength": 512
          },
          "slo": {
            "type": "string",
            "maxLength": 63
          },
          "objective": {
            "type": "integer",
            "minimum": 0,
            "description": "A threshold SLO's objective (from 0); a ratio SLO's objectives share one series."
          },
          "buckets": {
            "type": "array",
            "maxItems": 50000,
            "items": {
              "type": "object",
              "additionalProperties": false,
              "required": [
                "start",
                "good",
                "total"
              ],
              "properties": {
                "start": {
                  "type": "string",
                  "maxLength": 64,
                  "description": "The minute's start (ISO 8601 with a zone)."
                },
                "good": {
                  "type": "number",
                  "minimum": 0
                },
                "total": {
                  "type": "number",
                  "minimum": 0
                }
              }
            }
          }
        }
      },
      "SliPushResponse": {
        "type": "object",
        "required": [
          "entityRef",
          "slo",
          "buckets"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "slo": {
            "type": "string"
          },
          "buckets": {
            "type": "integer",
            "description": "Minutes written; a minute sent again replaces the stored one."
          }
        }
      },
      "SloStatusResponse": {
        "type": "object",
        "required": [
          "entityRef",
          "at",
          "slos"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "at": {
            "type": "string",
            "format": "date-time"
          },
          "slos": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "name",
                "service",
                "origin",
                "version",
                "dataSource",
                "budgetingMethod",
                "period",
                "indicator",
                "objectives"
              ],
              "properties": {
                "name": {
                  "type": "string"
                },
                "displayName": {
                  "type": "string",
                  "nullable": true
                },
                "service": {
                  "type": "string"
                },
                "origin": {
                  "type": "string"
                },
                "version": {
                  "type": "integer"
                },
                "dataSource": {
                  "description": "Where the SLI data comes from: `push` (the SLI push route), or the metric source type (Prometheus) with whether a module reads it, how far it has read and its last error.",
                  "type": "object",
                  "required": [
                    "type",
                    "module",
                    "readTo",
                    "lastAttemptAt",
                    "lastError"
                  ],
                  "properties": {
                    "type": {
                      "type": "string"
                    },
                    "module": {
                      "type": "string",
                      "enum": [
                        "installed",
                        "not-installed"
                      ],
                      "nullable": true
                    },
                    "readTo": {
                      "type": "string",
                      "format": "date-time",
                      "nullable": true
                    },
                    "lastAttemptAt": {
                      "type": "string",
                      "format": "date-time",
                      "nullable": true
                    },
                    "lastError": {
                      "type": "string",
                      "nullable": true
                    }
                  }
                },
                "budgetingMethod": {
                  "type": "string"
                },
                "period": {
                  "type": "object"
                },
                "indicator": {
                  "type": "object"
                },
                "objectives": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": [
                      "target",
                      "window",
                      "sli",
                      "events",
                      "coverage",
                      "budget",
                      "burnRate1h",
                      "timeToExhaustionHours",
                      "alert"
                    ],
                    "properties": {
                      "name": {
                        "type": "string",
                        "nullable": true
                      },
                      "target": {
                        "type": "number"
                      },
                      "op": {
                        "type": "string",
                        "nullable": true
                      },
                      "value": {
                        "type": "number",
                        "nullable": true
                      },
                      "window": {
                        "type": "object",
                        "properties": {
                          "from": {
                            "type": "string",
                            "format": "date-time"
                          },
                          "to": {
                            "type": "string",
                            "format": "date-time"
                          }
                        }
                      },
                      "sli": {
                        "type": "number",
                        "nullable": true
                      },
                      "events": {
                        "type": "object",
                        "properties": {
                          "good": {
                            "type": "number"
                          },
                          "total": {
                            "type": "number"
                          }
                        }
                      },
                      "coverage": {
                        "type": "number"
                      },
                      "budget": {
                        "type": "object",
                        "nullable": true,
                        "properties": {
                          "consumed": {
                            "type": "number"
                          },
                          "remaining": {
                            "type": "number"
                          },
                          "badEventsLeft": {
                            "type": "number"
                          },
                          "outageMinutesLeft": {
                            "type": "number"
                          }
                        }
                      },
                      "burnRate1h": {
                        "type": "number",
                        "nullable": true
                      },
                      "timeToExhaustionHours": {
                        "type": "number",
                        "nullable": true
                      },
                      "budgetAtWindowEnd": {
                        "type": "number",
                        "nullable": true
                      },
                      "alert": {
                        "type": "object",
                        "nullable": true,
                        "properties": {
                          "status": {
                            "enum": [
                              "page",
                              "ticket",
                              "ok",
                              "too-little-traffic",
                              "no-data"
                            ]
                          },
                          "pairs": {
                            "type": "array",
                            "items": {
                              "type": "object"
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      },
      "SloRollupObjective": {
        "type": "object",
        "required": [
          "entityRef",
          "slo",
          "objective",
          "state",
          "remaining",
          "alert"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "slo": {
            "type": "string"
          },
          "objective": {
            "type": "integer"
          },
          "name": {
            "type": "string",
            "nullable": true
          },
          "state": {
            "enum": [
              "healthy",
              "burning",
              "exhausted",
              "noData"
            ]
          },
          "remaining": {
            "type": "number",
            "nullable": true
          },
          "burnRate1h": {
            "type": "number",
            "nullable": true
          },
          "alert": {
            "type": "string",
            "nullable": true
          }
        }
      },
      "SloRollupResponse": {
        "type": "object",
        "required": [
          "entityRef",
          "at",
          "components",
          "componentsWithSlos",
          "objectives",
          "byState",
          "tooLittleTraffic",
          "budgetDistribution",
          "lowestBudgets",
          "fastestBurning",
          "firing"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "at": {
            "type": "string",
            "format": "date-time"
          },
          "components": {
            "type": "integer"
          },
          "componentsWithSlos": {
            "type": "integer"
          },
          "objectives": {
            "type": "integer"
          },
          "byState": {
            "type": "object",
            "properties": {
              "healthy": {
                "type": "integer"
              },
              "burning": {
                "type": "integer"
              },
              "exhausted": {
                "type": "integer"
              },
              "noData": {
                "type": "integer"
              }
            }
          },
          "tooLittleTraffic": {
            "type": "integer"
          },
          "budgetDistribution": {
            "description": "Objectives by budget remaining: spent (at most 0), then 0-25, 25-50, 50-75 and 75-100 per cent (each band above its lower bound, up to and including its upper bound).",
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "band",
                "objectives"
              ],
              "properties": {
                "band": {
                  "enum": [
                    "spent",
                    "0-25",
                    "25-50",
                    "50-75",
                    "75-100"
                  ]
                },
                "above": {
                  "type": "number"
                },
                "atMost": {
                  "type": "number"
                },
                "objectives": {
                  "type": "integer"
                }
              }
            }
          },
          "lowestBudgets": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SloRollupObjective"
            }
          },
          "fastestBurning": {
            "description": "The five objectives burning fastest over the last hour (burn rate above 1).",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SloRollupObjective"
            }
          },
          "firing": {
            "description": "Objectives whose alert fires, fastest burn first (at most 100).",
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/SloRollupObjective"
            }
          }
        }
      },
      "ScorecardDefinitions": {
        "type": "object",
        "required": [
          "scorecards",
          "sources",
          "stages"
        ],
        "properties": {
          "scorecards": {
            "type": "array",
            "description": "The scorecards in force (the last good version of every rule file): name, title, description, appliesTo, levels (lowest first) and checks (id, title, level, expression, warn, fix, stages, targets, appliesTo, deadline, and states: entities per state across everything evaluated).",
            "items": {
              "type": "object",
              "additionalProperties": true
            }
          },
          "sources": {
            "type": "array",
            "description": "Each configured rule file: its version in force, when it was loaded, and the newest version that was refused with its problems ({line, message}).",
            "items": {
              "type": "object",
              "additionalProperties": true
            }
          },
          "stages": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "id",
                "label"
              ],
              "properties": {
                "id": {
                  "type": "string"
                },
                "label": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "ScorecardResults": {
        "type": "object",
        "required": [
          "entityRef",
          "stage",
          "scorecards"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "stage": {
            "type": "object",
            "required": [
              "id",
              "label"
            ],
            "properties": {
              "id": {
                "type": "string"
              },
              "label": {
                "type": "string"
              }
            }
          },
          "scorecards": {
            "type": "array",
            "description": "Each scorecard that applies: the level reached (null below the lowest), since when, and every check's state (pass, fail, warn, not-applicable, not-reported, error, exempt), message, dueBy (a campaign's deadline while it fails before it), fix, since and exemption.",
            "items": {
              "type": "object",
              "additionalProperties": true
            }
          }
        }
      },
      "ScorecardHistory": {
        "type": "object",
        "required": [
          "entityRef",
          "changes"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "changes": {
            "type": "array",
            "description": "Newest first; each a check's new state and message, and when.",
            "items": {
              "type": "object",
              "required": [
                "scorecard",
                "check",
                "state",
                "message",
                "at"
              ],
              "properties": {
                "scorecard": {
                  "type": "string"
                },
                "check": {
                  "type": "string"
                },
                "state": {
                  "type": "string"
                },
                "message": {
                  "type": "string",
                  "nullable": true
                },
                "at": {
                  "type": "string",
                  "format": "date-time"
                }
              }
            }
          }
        }
      },
      "ScorecardRollup": {
        "type": "object",
        "required": [
          "entityRef",
          "components",
          "scorecards"
        ],
        "properties": {
          "entityRef": {
            "type": "string"
          },
          "components": {
            "type": "integer"
          },
          "scorecards": {
            "type": "array",
            "description": "Per scorecard: evaluated components, levelsNow and levelsMonthAgo (components per level, `none` below the lowest), each check's states and up to ten failing components, and the five checks failing most (topFailing: id, title, failing).",
            "items": {
              "type": "object",
              "additionalProperties": true
            }
          }
        }
      },
      "ScorecardDryRunRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "rules"
        ],
        "properties": {
          "rules": {
            "type": "string",
            "maxLength": 262144,
            "description": "A draft rule file (YAML documents of kind Scorecard)."
          }
        }
      },
      "ScorecardDryRun": {
        "type": "object",
        "required": [
          "entities",
          "scorecards"
        ],
        "properties": {
          "entities": {
            "type": "integer"
          },
          "scorecards": {
            "type": "array",
            "description": "Per scorecard: entities evaluated, entities per level reached, and per check the entities in each state with up to five examples.",
            "items": {
              "type": "object",
              "additionalProperties": true
            }
          }
        }
      },
      "ScorecardExemptionRequest": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "entity",
          "scorecard",
          "check",
          "reason",
          "expiresAt"
        ],
        "properties": {
          "entity": {
            "type": "string",
            "maxLength": 512
          },
          "scorecard": {
            "type": "string",
            "maxLength": 63
          },
          "check": {
            "type": "string",
            "maxLength": 63
          },
          "reason": {
            "type": "string",
            "maxLength": 2000
          },
          "expiresAt": {
            "type": "string",
            "maxLength": 64,
            "description": "When it ends (at most a year ahead); the real result returns then."
          }
        }
      },
      "ScorecardExternalResults": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "results"
        ],
        "properties": {
          "results": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1000,
            "description": "Results of checks declared `external: true` in the rules, computed elsewhere (a security scanner, coverage). The newest result per entity and check counts; an older or repeated one changes nothing.",
            "items": {
              "type": "object",
              "additionalProperties": false,
              "required": [
                "entity",
                "scorecard",
                "check",
                "state"
              ],
              "properties": {
                "entity": {
                  "type": "string",
                  "maxLength": 512
                },
                "scorecard": {
                  "type": "string",
                  "maxLength": 63
                },
                "check": {
                  "type": "string",
                  "maxLength": 63
                },
                "state": {
                  "type": "string",
                  "enum": [
                    "pass",
                    "warn",
                    "fail",
                    "error"
                  ]
                },
                "message": {
                  "type": "string",
                  "maxLength": 1000,
                  "nullable": true
                },
                "reportedAt": {
                  "type": "string",
                  "maxLength": 64,
                  "description": "When the tool produced it (default now); not in the future."
                }
              }
            }
          }
        }
      },
      "ScorecardExternalResultsAccepted": {
        "type": "object",
        "required": [
          "accepted",
          "newer",
          "changed"
        ],
        "properties": {
          "accepted": {
            "type": "integer"
          },
          "newer": {
            "type": "integer",
            "description": "Results newer than the stored ones."
          },
          "changed": {
            "type": "integer",
            "description": "Check states or messages that changed."
          }
        }
      },
      "ScorecardExemption": {
        "type": "object",
        "required": [
          "id",
          "entityRef",
          "scorecard",
          "check",
          "reason",
          "expiresAt",
          "grantedBy"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "entityRef": {
            "type": "string"
          },
          "scorecard": {
            "type": "string"
          },
          "check": {
            "type": "string"
          },
          "reason": {
            "type": "string"
          },
          "expiresAt": {
            "type": "string",
            "format": "date-time"
          },
          "grantedBy": {
            "type": "string"
          }
        }
      }
    },
    "responses": {
      "Error": {
        "description": "An error, with the field it concerns in the message.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    }
  },
  "paths": {
    "/health": {
      "get": {
        "operationId": "GetHealth",
        "summary": "Readiness of the plugin and what it depends on; the only route open without credentials.",
        "description": "200 when the insights database and the catalog answer (within 2 s each); otherwise 503 with\n`Retry-After` and which dependency did not answer. No hosts, ports or credentials are named.\n",
        "security": [],
        "responses": {
          "200": {
            "description": "The plugin, its database and the catalog answer.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HealthReport"
                }
              }
            }
          },
          "503": {
            "description": "The database or the catalog did not answer.",
            "headers": {
              "Retry-After": {
                "schema": {
                  "type": "integer"
                },
                "description": "Seconds to wait before asking again."
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HealthReport"
                }
              }
            }
          }
        }
      }
    },
    "/v1/metrics/summary": {
      "get": {
        "operationId": "GetSummary",
        "summary": "DORA metrics of one component, with trend, tiers and coverage.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          },
          {
            "$ref": "#/components/parameters/environment"
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          },
          {
            "$ref": "#/components/parameters/timezone"
          },
          {
            "$ref": "#/components/parameters/benchmark"
          }
        ],
        "responses": {
          "200": {
            "description": "The summary.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/DoraSummary"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/metrics/series": {
      "get": {
        "operationId": "GetSeries",
        "summary": "Metrics per day, week, month or quarter, zero-filled, for a component, group or system.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          },
          {
            "$ref": "#/components/parameters/environment"
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          },
          {
            "$ref": "#/components/parameters/timezone"
          },
          {
            "name": "bucket",
            "in": "query",
            "required": true,
            "schema": {
              "enum": [
                "day",
                "week",
                "month",
                "quarter"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The series.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "buckets": {
                      "type": "array",
                      "items": {
                        "type": "object"
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/ci/health": {
      "get": {
        "operationId": "GetCiHealth",
        "summary": "CI health of one component (pipeline durations, queue times, success rates, flaky tests, reruns).",
        "description": "Over the pipeline runs that finished in the range, against the same length before it\n(docs/DESIGN.md, \"CI health\"). Needs the permission insights.metrics.read.\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          },
          {
            "$ref": "#/components/parameters/timezone"
          },
          {
            "name": "bucket",
            "in": "query",
            "description": "The series' buckets (default week).",
            "schema": {
              "enum": [
                "day",
                "week",
                "month"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The CI health.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "entityRef",
                    "range",
                    "previousRange",
                    "pipelines",
                    "series",
                    "flakyTests",
                    "reruns",
                    "coverage"
                  ],
                  "properties": {
                    "entityRef": {
                      "type": "string"
                    },
                    "range": {
                      "type": "object"
                    },
                    "previousRange": {
                      "type": "object"
                    },
                    "pipelines": {
                      "type": "array",
                      "items": {
                        "type": "object"
                      }
                    },
                    "series": {
                      "type": "object"
                    },
                    "flakyTests": {
                      "type": "array",
                      "items": {
                        "type": "object"
                      }
                    },
                    "reruns": {
                      "type": "object"
                    },
                    "coverage": {
                      "type": "object"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/ci/rollup": {
      "get": {
        "operationId": "GetCiRollup",
        "summary": "CI across a group's (whole sub-tree's) or a system's components.",
        "description": "Each component's default-branch runs, success rate, duration and queue time p50/p95, flaky tests\nand time lost to reruns, as its own CI health computes them, and their spread (median, best,\nworst) across the components. Needs the permission insights.metrics.read.\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          },
          {
            "$ref": "#/components/parameters/timezone"
          }
        ],
        "responses": {
          "200": {
            "description": "The rollup.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "entityRef",
                    "range",
                    "components",
                    "componentsWithoutRuns",
                    "distribution",
                    "flakyTests",
                    "rerunSecondsLost"
                  ],
                  "properties": {
                    "entityRef": {
                      "type": "string"
                    },
                    "range": {
                      "type": "object"
                    },
                    "components": {
                      "type": "array",
                      "items": {
                        "type": "object"
                      }
                    },
                    "componentsWithoutRuns": {
                      "type": "array",
                      "items": {
                        "type": "string"
                      }
                    },
                    "distribution": {
                      "type": "object"
                    },
                    "flakyTests": {
                      "type": "integer"
                    },
                    "rerunSecondsLost": {
                      "type": "number"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/metrics/rollup": {
      "get": {
        "operationId": "GetRollup",
        "summary": "The distribution of each metric across a group's (whole sub-tree's) or a system's components.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          },
          {
            "$ref": "#/components/parameters/environment"
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          },
          {
            "$ref": "#/components/parameters/timezone"
          },
          {
            "$ref": "#/components/parameters/benchmark"
          }
        ],
        "responses": {
          "200": {
            "description": "The rollup.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/deployments": {
      "get": {
        "operationId": "ListDeployments",
        "summary": "The deployments behind the numbers, with failure reasons and recovery.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          },
          {
            "$ref": "#/components/parameters/environment"
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          },
          {
            "$ref": "#/components/parameters/timezone"
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/offset"
          },
          {
            "name": "filter",
            "in": "query",
            "schema": {
              "enum": [
                "failed",
                "rework"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "A page of deployments.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Page"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/changes": {
      "get": {
        "operationId": "ListChanges",
        "summary": "The changes behind lead time, with their stage seconds.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          },
          {
            "$ref": "#/components/parameters/environment"
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          },
          {
            "$ref": "#/components/parameters/timezone"
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/offset"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of changes.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Page"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/incidents": {
      "get": {
        "operationId": "ListIncidents",
        "summary": "The incidents behind MTTR and failures, with their deployment link.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          },
          {
            "$ref": "#/components/parameters/environment"
          },
          {
            "$ref": "#/components/parameters/from"
          },
          {
            "$ref": "#/components/parameters/to"
          },
          {
            "$ref": "#/components/parameters/timezone"
          },
          {
            "$ref": "#/components/parameters/limit"
          },
          {
            "$ref": "#/components/parameters/offset"
          }
        ],
        "responses": {
          "200": {
            "description": "A page of incidents.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Page"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/environments": {
      "get": {
        "operationId": "ListEnvironments",
        "summary": "The environments a component (or a group's components) deployed to.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          }
        ],
        "responses": {
          "200": {
            "description": "Environments, production first.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "type": "object"
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    },
    "/v1/benchmarks": {
      "get": {
        "operationId": "ListBenchmarks",
        "summary": "The benchmark tables tiers come from, with their sources.",
        "responses": {
          "200": {
            "description": "Benchmarks.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "type": "object"
                      }
                    },
                    "defaultBenchmark": {
                      "type": "string"
                    }
                  }
                }
              }
            }
          }
        }
      }
    },
    "/v1/facts/definitions": {
      "get": {
        "operationId": "GetFactDefinitions",
        "summary": "Every fact scorecard checks can use, by provider, with its type and meaning.",
        "responses": {
          "200": {
            "description": "The fact set.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FactDefinitions"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/facts": {
      "get": {
        "operationId": "GetEntityFacts",
        "summary": "An entity's facts now, as scorecard checks see them.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          }
        ],
        "responses": {
          "200": {
            "description": "The entity's facts, by provider.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EntityFactsResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/events": {
      "post": {
        "operationId": "PostEvents",
        "summary": "Ingest a batch of deployments, changes, incidents and pipeline runs.",
        "description": "The batch is validated whole: any invalid event rejects it with 400 listing every invalid event.\nA valid batch is committed in one transaction; the response counts what changed. Replaying an\nevent changes nothing. Needs the permission insights.events.create.\n",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "additionalProperties": false,
                "required": [
                  "events"
                ],
                "properties": {
                  "events": {
                    "type": "array",
                    "description": "At most insights.ingest.maxEventsPerBatch (default 1000) events.",
                    "items": {
                      "$ref": "#/components/schemas/DeliveryEvent"
                    }
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Committed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/IngestCounts"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/cdevents": {
      "post": {
        "operationId": "PostCdevents",
        "summary": "Ingest CDEvents carried by CloudEvents over HTTP (binary, structured or batched mode).",
        "description": "Accepts change.created/reviewed/merged, service.deployed/upgraded/rolledback,\nincident.detected/reported/resolved, pipelinerun.queued/started/finished, taskrun.started/finished\nand testcaserun.finished in every version the CDEvents specification has published, each\nvalidated against its schema and mapped into deployments, changes, incidents and pipeline runs. Other\ntypes are acknowledged and counted as ignored. Links, chainId and artifactId tie events\ntogether (a rollback fixes the deployment it links to; an incident is caused by the deployment\nof its artifact). Any invalid CDEvent rejects the request with 400 listing every problem; a\nvalid request is committed in one transaction. Needs the permission insights.events.create.\n",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "description": "Binary mode; the CloudEvent attributes are `ce-*` headers.",
                "allOf": [
                  {
                    "$ref": "#/components/schemas/CDEvent"
                  }
                ]
              }
            },
            "application/cloudevents+json": {
              "schema": {
                "$ref": "#/components/schemas/CloudEvent"
              }
            },
            "application/cloudevents-batch+json": {
              "schema": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/CloudEvent"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Committed.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CdeventsIngestCounts"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/ingestion/health": {
      "get": {
        "operationId": "GetIngestionHealth",
        "summary": "Per ingestion source, what arrived over time and why input was refused; unattributed events with hints.",
        "description": "Per source (api, cdevents, modules such as github): the last event received and accepted,\naccepted / updated / ignored / rejected counts per hour or UTC day, and the latest rejection\nand ignore reasons. Then every group of stored events without a component, with the catalog\nannotation that would attribute them. Needs the permission insights.metrics.read.\n",
        "parameters": [
          {
            "name": "from",
            "in": "query",
            "allowReserved": true,
            "description": "Start (ISO 8601, UTC unless an offset is given). Default 7 days before `to`.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "to",
            "in": "query",
            "allowReserved": true,
            "description": "End, exclusive. Default now.",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "bucket",
            "in": "query",
            "description": "Default hour for ranges up to 2 days, otherwise day (UTC).",
            "schema": {
              "enum": [
                "hour",
                "day"
              ]
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The health view.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/IngestionHealth"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/ownership/rollup": {
      "get": {
        "operationId": "GetOwnershipRollup",
        "summary": "A group's (whole sub-tree) or a system's ownership risks across its components, as counts.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          }
        ],
        "responses": {
          "200": {
            "description": "The rollup.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OwnershipRollup"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/ownership": {
      "get": {
        "operationId": "GetOwnership",
        "summary": "A component's newest ownership report.",
        "description": "Computed for every component by the global task insights-ownership (every 6 hours by default) and stored when it changes. Needs insights.ownership.read.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          }
        ],
        "responses": {
          "200": {
            "description": "The report.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/OwnershipReport"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/slos/documents": {
      "put": {
        "operationId": "PutSloDocuments",
        "summary": "Push a component's OpenSLO documents (a new version; an invalid one is stored and changes nothing).",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SloDocumentsRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The version stored and the SLOs it defines.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SloDocumentsResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "get": {
        "operationId": "GetSloDocuments",
        "summary": "The newest version of a component's OpenSLO documents from each origin, valid or not.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          }
        ],
        "responses": {
          "200": {
            "description": "Versions, states and problems.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SloDocumentsList"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/slos/sli": {
      "post": {
        "operationId": "PostSliBuckets",
        "summary": "Push good and total events per minute for an SLO (a minute sent again replaces the stored one).",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/SliPushRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Minutes written.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SliPushResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/slos/status": {
      "get": {
        "operationId": "GetSloStatus",
        "summary": "Each SLO of a component and its objectives at a moment (default now) - SLI, budget, burn, alerts.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          },
          {
            "name": "at",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "maxLength": 64
            },
            "description": "The evaluation time (ISO 8601); default now."
          }
        ],
        "responses": {
          "200": {
            "description": "The status.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SloStatusResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/slos/rollup": {
      "get": {
        "operationId": "GetSloRollup",
        "summary": "A group's (whole sub-tree) or a system's SLOs at a moment - objectives by state, lowest budgets, alerts firing.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          },
          {
            "name": "at",
            "in": "query",
            "required": false,
            "schema": {
              "type": "string",
              "maxLength": 64
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The rollup.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SloRollupResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/slos/history": {
      "get": {
        "operationId": "GetSloHistory",
        "summary": "An SLO objective's history, per day and per alert change, with the deployments before each burn.",
        "description": "Per day (in the SLO's calendar zone, else insights.defaultTimezone): the budget left and the alert state at the day's end, the day's SLI, events, coverage and burn rate; a day whose burn rate is 2 or more is an unusual burn, with the minute it began. Every change of the alert state with its windows' values. Beside each alert that fires and each unusual burn, the component's production deployments that finished in the 6 hours before it. Derived from the stored SLI minutes.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          },
          {
            "name": "slo",
            "in": "query",
            "required": true,
            "schema": {
              "type": "string",
              "maxLength": 63
            }
          },
          {
            "name": "objective",
            "in": "query",
            "description": "The objective's index (default 0).",
            "schema": {
              "type": "integer",
              "minimum": 0,
              "maximum": 63
            }
          },
          {
            "name": "from",
            "in": "query",
            "description": "Default the start of the day 29 days before `to`; at most 90 days before `to`.",
            "schema": {
              "type": "string",
              "format": "date-time"
            }
          },
          {
            "name": "to",
            "in": "query",
            "description": "Default now.",
            "schema": {
              "type": "string",
              "format": "date-time"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The history.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "entityRef",
                    "slo",
                    "objective",
                    "from",
                    "to",
                    "timeZone",
                    "days",
                    "alerts"
                  ],
                  "properties": {
                    "entityRef": {
                      "type": "string"
                    },
                    "slo": {
                      "type": "string"
                    },
                    "objective": {
                      "type": "integer"
                    },
                    "from": {
                      "type": "string",
                      "format": "date-time"
                    },
                    "to": {
                      "type": "string",
                      "format": "date-time"
                    },
                    "timeZone": {
                      "type": "string"
                    },
                    "days": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": [
                          "day",
                          "at",
                          "sli",
                          "events",
                          "coverage",
                          "burnRate",
                          "budgetRemaining",
                          "alert",
                          "unusualBurn"
                        ],
                        "properties": {
                          "day": {
                            "type": "string",
                            "format": "date"
                          },
                          "at": {
                            "type": "string",
                            "format": "date-time"
                          },
                          "sli": {
                            "type": "number",
                            "nullable": true
                          },
                          "events": {
                            "type": "object",
                            "required": [
                              "good",
                              "total"
                            ],
                            "properties": {
                              "good": {
                                "type": "number"
                              },
                              "total": {
                                "type": "number"
                              }
                            }
                          },
                          "coverage": {
                            "type": "number"
                          },
                          "burnRate": {
                            "type": "number",
                            "nullable": true
                          },
                          "budgetRemaining": {
                            "type": "number",
                            "nullable": true
                          },
                          "alert": {
                            "type": "string",
                            "nullable": true
                          },
                          "unusualBurn": {
                            "type": "boolean"
                          },
                          "burnOnset": {
                            "type": "string",
                            "format": "date-time"
                          },
                          "deploymentsBefore": {
                            "type": "array",
                            "items": {
                              "$ref": "#/components/schemas/DeploymentNearBurn"
                            }
                          }
                        }
                      }
                    },
                    "alerts": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "required": [
                          "at",
                          "from",
                          "to",
                          "windows"
                        ],
                        "properties": {
                          "at": {
                            "type": "string",
                            "format": "date-time"
                          },
                          "from": {
                            "type": "string",
                            "nullable": true
                          },
                          "to": {
                            "type": "string"
                          },
                          "windows": {
                            "type": "array",
                            "items": {
                              "type": "object"
                            }
                          },
                          "deploymentsBefore": {
                            "type": "array",
                            "items": {
                              "$ref": "#/components/schemas/DeploymentNearBurn"
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/slos/rules": {
      "get": {
        "operationId": "GetSloRules",
        "summary": "Prometheus recording and alerting rules implementing an SLO's multiwindow burn-rate alerts.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          },
          {
            "name": "slo",
            "in": "query",
            "required": true,
            "schema": {
              "type": "string",
              "maxLength": 63
            }
          }
        ],
        "responses": {
          "200": {
            "description": "A Prometheus rule file.",
            "content": {
              "application/yaml": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/scorecards": {
      "get": {
        "operationId": "GetScorecards",
        "summary": "The scorecards in force, the rule files' versions and refusals, and the stages.",
        "responses": {
          "200": {
            "description": "The definitions.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScorecardDefinitions"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/scorecards/results": {
      "get": {
        "operationId": "GetScorecardResults",
        "summary": "An entity's current scorecard results (evaluated hourly by the global task insights-scorecards).",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          }
        ],
        "responses": {
          "200": {
            "description": "The results.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScorecardResults"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/scorecards/rollup": {
      "get": {
        "operationId": "GetScorecardRollup",
        "summary": "A group's (whole sub-tree) or a system's components per scorecard, level and check.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          }
        ],
        "responses": {
          "200": {
            "description": "The rollup.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScorecardRollup"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/scorecards/history": {
      "get": {
        "operationId": "GetScorecardHistory",
        "summary": "When an entity's checks changed state, newest first.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 1000
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The changes.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScorecardHistory"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/scorecards/evaluate": {
      "post": {
        "operationId": "EvaluateScorecards",
        "summary": "Evaluates one entity now and answers its results.",
        "parameters": [
          {
            "$ref": "#/components/parameters/entity"
          }
        ],
        "responses": {
          "200": {
            "description": "The results.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScorecardResults"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/scorecards/dry-run": {
      "post": {
        "operationId": "DryRunScorecards",
        "summary": "Evaluates a draft rule file against every entity without storing anything.",
        "description": "Needs insights.scorecards.read (nothing is stored). A draft that fails to parse or check is a 400 whose problems name each line and reason.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ScorecardDryRunRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "What the draft would give.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScorecardDryRun"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/scorecards/exemptions": {
      "post": {
        "operationId": "CreateScorecardExemption",
        "summary": "Exempts one entity's check until a date, for a reason (audited; needs insights.scorecards.manage).",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ScorecardExemptionRequest"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The exemption.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScorecardExemption"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/scorecards/external-results": {
      "post": {
        "operationId": "PostScorecardExternalResults",
        "summary": "Results of external checks (scanners, coverage; needs insights.scorecards.report, audited); the entities are evaluated at once, so a change reaches their history.",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ScorecardExternalResults"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Stored and evaluated.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ScorecardExternalResultsAccepted"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/v1/scorecards/exemptions/{id}": {
      "delete": {
        "operationId": "DeleteScorecardExemption",
        "summary": "Revokes an exemption (audited; needs insights.scorecards.manage).",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer",
              "minimum": 1
            }
          }
        ],
        "responses": {
          "204": {
            "description": "Revoked."
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    }
  }
} as const;
