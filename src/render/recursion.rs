//! Keeps templates from exhausting the stack. Tera renders macros and
//! includes by recursing on the native stack and has no bound of its own,
//! so a site's template whose macro calls itself without end aborted the
//! whole process. Every macro and template here starts with a call to a
//! function that fails the render, with a message, once the thread's stack
//! runs low; legitimate recursion (a goal tree, nested `extra` data) is
//! bounded by the model's own depth limits and stays far from it. Blocks
//! need no call of their own: one is only entered from its template, and
//! runs into itself again only through a macro or an include.

use std::collections::HashMap;
use tera::ast::{Expr, ExprVal, FunctionCall, Node, WS};
use tera::{Tera, Value};

const GUARD: &str = "__charter_stack_guard";

/// Stack left when a render gives up: far more than one level of any
/// template needs between two checks.
const RESERVE: usize = 256 << 10;

/// The stack size of threads that render: deep enough for every tree the
/// model allows.
pub const STACK: usize = 16 << 20;

/// Puts the guard at the start of every macro and template of `tera`:
/// all that can be entered again by name.
pub fn guard(tera: &mut Tera) {
    tera.register_function(
        GUARD,
        |_: &HashMap<String, Value>| match stacker::remaining_stack() {
            Some(left) if left < RESERVE => Err(tera::Error::msg(
                "templates nest too deeply: a macro or an include calls itself without end",
            )),
            _ => Ok(Value::String(String::new())),
        },
    );
    for template in tera.templates.values_mut() {
        template.ast.insert(0, call());
        for m in template.macros.values_mut() {
            m.body.insert(0, call());
        }
    }
}

fn call() -> Node {
    let call = FunctionCall {
        name: GUARD.to_string(),
        args: HashMap::new(),
    };
    Node::VariableBlock(WS::default(), Expr::new(ExprVal::FunctionCall(call)))
}
