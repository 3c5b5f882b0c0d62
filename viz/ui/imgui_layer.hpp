// Dear ImGui on SFML's OpenGL context. Debian 12 ships Dear ImGui 1.86 (libimgui-dev) with its
// OpenGL2 renderer backend but no SFML platform backend (imgui-sfml is not packaged), so this
// small one feeds SFML events to ImGui (ImGui 1.86's KeyMap/KeysDown input API) and renders
// with imgui_impl_opengl2 into whatever SFML target is active: a window, or an
// sf::RenderTexture for headless screenshots.
#pragma once

#include <SFML/Graphics.hpp>

namespace firestorm::viz {

class ImGuiLayer {
 public:
  // Creates the ImGui context and the font texture in the GL context of `target`.
  explicit ImGuiLayer(sf::RenderTarget& target);
  ~ImGuiLayer();
  ImGuiLayer(const ImGuiLayer&) = delete;
  ImGuiLayer& operator=(const ImGuiLayer&) = delete;

  void ProcessEvent(const sf::Event& event);
  void NewFrame(sf::Vector2u size, float seconds);
  void Render(sf::RenderTarget& target);

  bool WantsMouse() const;
  bool WantsKeyboard() const;
};

}  // namespace firestorm::viz
