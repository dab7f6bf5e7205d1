// consumer_prompt: the stage of a consumer -> the choice it waits for.
#include "interactive/prompt.hpp"

namespace kafkasim::interactive {

ConsumerPrompt consumer_prompt(const Simulation& state, std::size_t consumer) {
    const Consumer& c = state.consumers().at(consumer);
    ConsumerPrompt prompt;
    prompt.stage = c.stage;
    switch (c.stage) {
        case Stage::choosing_broker:
            prompt.awaits = ConsumerPrompt::Awaits::broker;
            for (std::size_t b = 0; b < c.views.size(); ++b) {
                const BrokerView& view = c.views[b];
                prompt.brokers.push_back({std::string(state.actor_name(state.broker_actor(b))), view.answered, view.busy,
                                          view.down, view.queue_length, view.refused});
            }
            break;
        case Stage::choosing_topic:
            prompt.awaits = ConsumerPrompt::Awaits::topic;
            for (StringId topic : c.received) prompt.topics.emplace_back(state.strings().text(topic));
            break;
        case Stage::choosing_index:
            prompt.awaits = ConsumerPrompt::Awaits::index;
            if (c.chosen_topic != no_string) prompt.chosen_topic = state.strings().text(c.chosen_topic);
            prompt.messages_count = c.messages_count;
            break;
        default: break;
    }
    return prompt;
}

}  // namespace kafkasim::interactive
