// The seam between a broker's queueing and its storage model.
//
// broker.cpp owns what every broker does whatever it stores: arrivals, the
// FIFO queue, service times, claims and releases, replies; faults.cpp owns
// crash and restart. What a data request (publish, edit, delete_topic,
// delete_message, list_topics, get_topic, get_message) does to the store is
// the model's, and reaches it through the functions below only. The model
// today is the dictionary (dictionary.hpp, served by broker_store.cpp).
//
// A second model (e.g. partitioned append-only logs) is added by adding
// files: its value type (log.hpp/.cpp, with its own unit tests) and an
// overload of each function below for it (log_store.cpp); then the Broker's
// store becomes a std::variant of the models and the three call sites
// (broker.cpp, faults.cpp, simulation_check.cpp) std::visit it. Dispatch is
// a switch on the variant's index, no virtual call per event.
#pragma once

#include <vector>

#include "core/dictionary.hpp"
#include "core/network.hpp"
#include "core/record.hpp"

namespace kafkasim {

// True for the requests a broker's store serves (the others, status /
// claim / release, are the broker's own).
constexpr bool is_data_request(MessageType type) {
    return is_write(type) || type == MessageType::list_topics || type == MessageType::get_topic ||
           type == MessageType::get_message;
}

// Serves a data request: changes the store, fills the reply (error, index,
// text, count) and the record (kind, index, text, count, previous, flags).
// `list` receives the items of a list reply (list_topics only; else nullptr).
void serve_data_request(TopicDictionary& store, const Message& request, Message& reply, Record& record,
                        std::vector<StringId>* list);

}  // namespace kafkasim
